import { connection } from "next/server";
import { PATIENT_UI_EN } from "@/lib/i18n/patient-ui.en";
import es from "@/lib/i18n/es.json";

// A link that does not work: the same plain page, in both languages, whatever the reason (nothing to tell apart).
export default async function LinkGone() {
  await connection();
  const esGone = (es as { ui?: { gone?: { title: string; body: string } } }).ui?.gone;
  return (
    <main id="main" className="patient-page">
      <h1>{PATIENT_UI_EN.gone.title}</h1>
      <p>{PATIENT_UI_EN.gone.body}</p>
      {esGone && (
        <section lang="es" aria-labelledby="gone-es">
          <h2 id="gone-es">{esGone.title}</h2>
          <p>{esGone.body}</p>
        </section>
      )}
    </main>
  );
}
