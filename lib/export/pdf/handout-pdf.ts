// The patient handout as the last page of the visit summary PDF: the same plain-language content as the handout
// page (lib/clinical/handout.ts), on a page of its own in larger print, for the patient to take home.
import { patientHandout } from "@/lib/clinical/handout";
import { formatDay } from "@/lib/contracts/format";
import { visitDateOf, type TVisitSummary } from "../visit-summary";
import { ALERT, MUTED, type Writer } from "./writer";

export const HANDOUT_TITLE = "Your back pain: what happens next";

/** Starts a new page; the caller knows it is the last one. */
export function handoutPage(w: Writer, s: TVisitSummary, clinicName: string) {
  const h = patientHandout({ evaluation: s.evaluation, decision: s.decision });
  w.doc.addPage();
  w.text(clinicName, { size: 11, color: MUTED });
  w.text(h.title, { size: 20, bold: true, gap: 4 });
  w.text(`For ${s.patient.givenName} ${s.patient.familyName} · visit on ${formatDay(visitDateOf(s))}`, { size: 11, gap: 8 });
  w.text(h.headline, { size: 15, bold: true, color: s.evaluation.urgency === "emergency" ? ALERT : undefined, gap: 6 });

  const list = (title: string, lines: readonly string[]) => {
    w.doc.moveDown(0.4);
    w.text(title, { size: 13, bold: true, gap: 3 });
    for (const l of lines) w.text(`• ${l}`, { size: 10.5, indent: 8, gap: 3 });
  };
  list("What happens next", h.nextSteps);
  list("Get help straight away", h.urgentHelp);
  if (h.selfCare.length > 0) list("Looking after your back", h.selfCare);
  w.doc.moveDown(0.8);
  w.text("If you are worried or unsure, contact the clinic. In an emergency, go to the emergency department.", { size: 10, color: MUTED });
}
