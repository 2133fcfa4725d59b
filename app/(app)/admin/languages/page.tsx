import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { requirePermission } from "@/lib/auth/guard";
import { englishMessages, messageKeys, PATIENT_LANGUAGES, patientMessages, type TPatientLanguage } from "@/lib/i18n/patient-messages";

export const metadata: Metadata = { title: "Patient languages" };

const STATUS_WORDS = {
  source: "Source text (the question catalogue)",
  needs_clinical_review: "Needs clinical review before use",
  approved: "Approved by a clinician",
} as const;

/** Which languages patients can answer in, and whether each translation is approved for clinical use (issue 19). */
export default async function LanguagesPage() {
  const user = await requirePermission("admin:users");
  const total = messageKeys(englishMessages()).length;
  const languages = Object.entries(PATIENT_LANGUAGES) as [TPatientLanguage, (typeof PATIENT_LANGUAGES)[TPatientLanguage]][];
  return (
    <>
      <h1>Patient languages</h1>
      <AdminNav role={user.role} current="/admin/languages" />
      <section className="card" aria-labelledby="languages-heading">
        <h2 id="languages-heading">Languages of the patient&apos;s own intake</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Language</th>
              <th scope="col">Status</th>
              <th scope="col">Strings translated</th>
            </tr>
          </thead>
          <tbody>
            {languages.map(([code, l]) => (
              <tr key={code}>
                <td lang={code}>{l.name}</td>
                <td>{STATUS_WORDS[l.status]}</td>
                <td>
                  {messageKeys(patientMessages(code)).length} of {total}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          A translation stays &ldquo;needs clinical review&rdquo; until a clinician has checked every question and safety message against the English.
        </p>
      </section>
    </>
  );
}
