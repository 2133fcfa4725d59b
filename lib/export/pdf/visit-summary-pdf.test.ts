// The PDF read back with pdf.js: content, the signed / NOT SIGNED mark, page numbers on every page, names in
// non-Latin scripts, and characters the font cannot draw.
import { describe, expect, it } from "vitest";
import { pdfText } from "../test-support/pdf-text";
import { selfIntakeSummary, signedSummary, summaryOf, vignetteIntake } from "../test-support/summaries";
import type { TVisitSummary } from "../visit-summary";
import { adviceOf } from "@/lib/clinical/advice";
import { patientHandout } from "@/lib/clinical/handout";
import { HANDOUT_TITLE } from "./handout-pdf";
import { renderVisitSummaryPdf } from "./visit-summary-pdf";

const opts = { clinicName: "Riverside Spine Clinic", printedBy: "Dr Pat Printer", printedAt: "2025-03-12T10:00:00.000Z", timeZone: "Europe/London" };
const read = async (s: TVisitSummary) => (await pdfText(await renderVisitSummaryPdf(s, opts))).pages;

describe("visit summary PDF", () => {
  it("carries the clinic, patient, visit, findings, advice, decision, sign-off and who printed it", async () => {
    const pages = await read(signedSummary(vignetteIntake("LBP-V19")));
    const all = pages.join("\n");
    for (const text of [
      "Riverside Spine Clinic",
      "Patient: Lovelace, Ada",
      "MRN: MRN-424242",
      "Date of birth: 1 Jan 1960",
      "Visit date: 10 Mar 2025",
      "Times are in Europe/London.",
      "Urgency: Urgent",
      "RF-CA-01",
      "Evidence:",
      "Suggestion: MRI",
      "Decision: Accepted the suggestion (MRI)",
      "Decided: Dr Dana Doctor at 10 Mar 2025, 10:00",
      "Blood tests",
      "Advice for the patient",
      "Safety net:",
      "Addenda",
      "11 Mar 2025, 08:30, Dr Dana Doctor:",
      "Patient phoned: MRI booked for tomorrow.",
      "Signed by Dr Dana Doctor at 10 Mar 2025, 10:05",
      "Printed by Dr Pat Printer at 12 Mar 2025, 10:00 (Europe/London)",
    ]) {
      expect(all, text).toContain(text);
    }
    expect(all).not.toContain("NOT SIGNED");
    // The first test parses the fonts: seconds on a busy machine.
  }, 30_000);

  it("marks each answer of a self-intake as the patient's or corrected by staff, with the patient's own answer", async () => {
    const all = (await read(selfIntakeSummary(vignetteIntake("LBP-V19")))).join("\n").replace(/\s+/g, " ");
    expect(all).toContain("Answered by: The patient, in Spanish, finished 10 Mar 2025, 09:05; staff checked the answers before submitting.");
    expect(all).toContain("How old is the patient? 63 years Given by the patient");
    expect(all).toContain("right now? 7 points (0-10) Corrected by staff. The patient answered: 9 points (0-10)");
    expect(all).toContain("Does the pain travel? How far? No answer Corrected by staff. The patient answered: No, it stays in the back");
    // Staff-only answers carry no mark.
    expect(all).toContain("Staff classify any injury: none, minor or major No injury What is the pain like");
    const staffTook = (await read(summaryOf(vignetteIntake("LBP-V19")))).join("\n");
    expect(staffTook).not.toContain("Given by the patient");
    expect(staffTook).not.toContain("Answered by");
  });

  it("says what a blank safety answer leaves unexcluded, what to ask, and why it was not answered (0.4 item 1)", async () => {
    const all = (await read(summaryOf(vignetteIntake("N12-01")))).join("\n").replace(/\s+/g, " ");
    expect(all).toContain("Ask now: cannot exclude cauda equina syndrome");
    expect(all).toContain("Cannot exclude cauda equina syndrome: ask about numbness in the saddle area");
    expect(all).toContain("Submitted without the answers: The patient is unable to answer");
    expect(all).toContain("Urgency: Urgent");
    expect(all).not.toMatch(/Urgency: Emergency/);
  });

  it("carries the under-16 and pregnancy imaging notes (0.4 items 2 and 10)", async () => {
    const child = (await read(summaryOf(vignetteIntake("N12-02")))).join("\n").replace(/\s+/g, " ");
    expect(child).toContain("Note: under 16: agree imaging with paediatrics");
    expect(child).toContain("Not for use under 16: a doctor reviews today.");
    const pregnant = (await read(summaryOf(vignetteIntake("N12-26")))).join("\n").replace(/\s+/g, " ");
    expect(pregnant).toContain("Note: pregnant or possibly pregnant: prefer MRI without gadolinium");
  });

  it("lists the blood tests the engine asked for", async () => {
    const s = signedSummary(vignetteIntake("LBP-V23"));
    expect(s.evaluation.blood_tests.required).toBe(true);
    const all = (await read(s)).join("\n");
    for (const t of s.evaluation.blood_tests.panel) expect(all).toContain(t);
  });

  it("prints NOT SIGNED - provisional on every page of an unsigned visit, and the missing answers of a provisional result", async () => {
    const s = summaryOf(vignetteIntake("LBP-V17", ["new_bowel_incontinence"]));
    expect(s.evaluation.status).toBe("provisional");
    const pages = await read(s);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain("NOT SIGNED - provisional");
    expect(pages.join("\n")).toContain("Provisional result: answers missing");
    expect(pages.join("\n")).toContain("Any new loss of bowel control?");
  });

  it("says at the sign-off that a provisional result was acknowledged, and only then", async () => {
    const acknowledged = (await read(signedSummary(vignetteIntake("LBP-V17", ["new_bowel_incontinence"])))).join("\n");
    expect(acknowledged).toContain("Signed by Dr Dana Doctor at 10 Mar 2025, 10:05");
    expect(acknowledged).toContain("Signed as provisional: the blank safety answers could not be obtained.");
    expect(acknowledged).toContain("Any new loss of bowel control?");
    const complete = (await read(signedSummary(vignetteIntake("LBP-V17")))).join("\n");
    expect(complete).not.toContain("Signed as provisional");
  });

  it("numbers every page 'Page N of M', however long the record", async () => {
    const addenda = Array.from({ length: 40 }, (_, i) => ({
      id: `a${i}`,
      text: `Remark ${i + 1}: ${"follow-up call, symptoms unchanged. ".repeat(6)}`,
      author: "Dr Dana Doctor",
      createdAt: `2025-03-${String(11 + (i % 18)).padStart(2, "0")}T08:30:00.000Z`,
    }));
    const pages = await read(signedSummary(vignetteIntake("LBP-V01"), { addenda }));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page).toContain("Lovelace, Ada · MRN MRN-424242 · born 1 Jan 1960");
      expect(page).toContain("Printed by Dr Pat Printer");
    });
    expect(pages.join("\n")).toContain("Remark 40:");
    // Unsigned, the mark is in every page's header, not only where the body says so.
    const unsigned = await read(summaryOf(vignetteIntake("LBP-V01"), { addenda }));
    expect(unsigned.length).toBeGreaterThanOrEqual(4);
    unsigned.forEach((page, i) => {
      expect(page).toContain("NOT SIGNED - provisional");
      expect(page).toContain(`Page ${i + 1} of ${unsigned.length}`);
    });
  });

  it("prints Greek, Cyrillic and Hebrew names as they are", async () => {
    const patient = { ...summaryOf(vignetteIntake("LBP-V01")).patient, familyName: "Παπαδοπούλου-Шевченко", givenName: "Ζωή Жанна" };
    const all = (await read(summaryOf(vignetteIntake("LBP-V01"), { patient }))).join("\n");
    expect(all).toContain("Patient: Παπαδοπούλου-Шевченко, Ζωή Жанна");
    expect(all).not.toContain("\uFFFD");
    const hebrew = (await read(summaryOf(vignetteIntake("LBP-V01"), { patient: { ...patient, givenName: "שרה" } }))).join("\n");
    expect(hebrew).toContain("שרה");
  });

  it("does not drop characters the font cannot draw: they are marked and the summary says so", async () => {
    const patient = { ...summaryOf(vignetteIntake("LBP-V01")).patient, familyName: "王", givenName: "小明" };
    const all = (await read(summaryOf(vignetteIntake("LBP-V01"), { patient }))).join("\n");
    expect(all).toContain("Patient: \uFFFD, \uFFFD\uFFFD");
    expect(all).toContain("3 character(s) cannot be drawn with this PDF's font");
    expect(all).toContain("MRN: MRN-424242");
  });

  it("ends with the patient handout on a page of its own, in plain words", async () => {
    for (const id of ["LBP-V17", "LBP-V19", "LBP-V01"]) {
      const s = signedSummary(vignetteIntake(id));
      const pages = (await read(s)).map((p) => p.replace(/\s+/g, " "));
      const last = pages[pages.length - 1]!;
      const h = patientHandout({ evaluation: s.evaluation, decision: s.decision });
      expect(last, id).toContain(HANDOUT_TITLE);
      expect(last, id).toContain("Riverside Spine Clinic · Patient handout");
      expect(last, id).toContain(h.headline);
      for (const line of [...h.nextSteps, ...h.urgentHelp, ...h.selfCare]) expect(last, id).toContain(line);
      expect(last, id).not.toMatch(/\b(RF|PW|ADV|CC|DATA)-[A-Z0-9-]+/);
      expect(last, id).toContain(`Page ${pages.length} of ${pages.length}`);
      expect(pages.slice(0, -1).join("\n"), id).not.toContain(h.headline);
    }
    const emergency = (await read(signedSummary(vignetteIntake("LBP-V17")))).at(-1)!;
    expect(emergency).toContain("Go to the emergency department now.");
  });

  it("keeps prescribing and review advice for the clinician, out of the patient's advice", async () => {
    const s = signedSummary({ ...vignetteIntake("LBP-V01"), medications: ["opioid", "anticoagulant"] });
    const advice = adviceOf(s.evaluation);
    expect(advice.clinician.map((a) => a.id)).toEqual(expect.arrayContaining(["ADV-OPIOID", "ADV-NSAID-CAUTION"]));
    const all = (await read(s)).join("\n").replace(/\s+/g, " ");
    const patientPart = all.slice(all.indexOf("Advice for the patient"), all.indexOf("For the clinician: medicines, tests and review"));
    expect(patientPart.length).toBeGreaterThan(30);
    expect(patientPart).not.toMatch(/NSAID|opioid|Prescribing/i);
    expect(all.slice(all.indexOf("For the clinician"))).toContain("Opioid use");
  });

  it("states the time zone and prints every time in it", async () => {
    const s = signedSummary(vignetteIntake("LBP-V19"));
    const ny = (await pdfText(await renderVisitSummaryPdf(s, { ...opts, timeZone: "America/New_York" }))).pages.join("\n");
    expect(ny).toContain("Times are in America/New_York.");
    expect(ny).toContain("Signed by Dr Dana Doctor at 10 Mar 2025, 06:05");
    expect(ny).toContain("Printed by Dr Pat Printer at 12 Mar 2025, 06:00 (America/New_York)");
    expect(ny).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
