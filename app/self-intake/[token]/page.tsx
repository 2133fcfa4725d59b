import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { PatientIntake } from "@/components/self-intake/patient-intake";
import { selfIntakeCookieName } from "@/lib/http/self-intake-route";
import { englishMessages, patientMessages } from "@/lib/i18n/patient-messages";
import { sessionMatches, workingLink } from "@/lib/server/self-intake/patient";

export const metadata: Metadata = { title: "Your back pain questions", robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * A patient's own link (issue 19): no account, no navigation, only this visit's questions. An unknown, expired,
 * revoked, used or locked link is a 404 with a plain page that sends the patient to the desk (not-found.tsx).
 * On the device that already confirmed the birth date, the questions open at once.
 */
export default async function SelfIntakePage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const link = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await workingLink(token) : null;
  if (!link) notFound();
  const session = (await cookies()).get(selfIntakeCookieName())?.value;
  const resumed = await sessionMatches(token, session);
  return (
    <PatientIntake
      token={token}
      resumed={resumed}
      initialLanguage={link.language === "es" ? "es" : "en"}
      messages={{ en: englishMessages(), es: patientMessages("es") }}
    />
  );
}
