// Downloads of one visit for clinicians: the PDF summary and the FHIR R4 Bundle, plus printing and the patient
// handout (for every role that opens the visit). The URLs carry only the visit id; the server audits every download.
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { type TRole } from "@/lib/contracts/roles";
import { PrintButton } from "./print-button";

export function ExportLinks({ visitId, status, role }: { visitId: string; status: "DRAFT" | "SUBMITTED" | "SIGNED"; role: TRole }) {
  if (status === "DRAFT") return null;
  const exports = can(role, "export:read");
  return (
    <section className="export-links no-print" aria-labelledby="export-links-title">
      <h2 id="export-links-title" className="visually-hidden">
        Export and print
      </h2>
      <ul>
        {exports && (
          <>
            <li>
              <a className="button secondary" href={`/api/v1/visits/${visitId}/summary.pdf`} download>
                Download PDF summary
              </a>
            </li>
            <li>
              <a className="button secondary" href={`/api/v1/visits/${visitId}/fhir`} download={`visit-${visitId}.fhir.json`}>
                Download FHIR R4 bundle
              </a>
            </li>
          </>
        )}
        <li>
          <Link className="button secondary" href={`/visits/${visitId}/handout`}>
            Patient handout
          </Link>
        </li>
        <li>
          <PrintButton />
        </li>
      </ul>
    </section>
  );
}
