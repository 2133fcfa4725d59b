// The visit summary as a PDF (pdfkit, A4): patient identifiers, the history by catalogue section, red flags
// with the evidence that fired them, imaging suggestion and the doctor's decision, blood tests, advice for the
// patient and, apart from it, for the clinician (advice.ts), addenda and the sign-off (with the acknowledgement
// when a provisional result was signed), or "NOT SIGNED - provisional" on every page; then the patient handout on
// a page of its own. Every page carries the patient, "printed by ... at ..." and "Page N of M". Dates and times
// go through lib/contracts/format.ts, in the clinic's time zone, which the summary states.
import PDFDocument from "pdfkit";
import { MODALITY_LABELS, SEX_LABELS, STATUS_LABELS, URGENCY_LABELS } from "@/lib/contracts/labels";
import { askNowHeadline, askNowLines, joinWords, questionById, type Explanation } from "@/lib/clinical";
import { adviceOf } from "@/lib/clinical/advice";
import { blankReasonText } from "@/lib/contracts/blank-reasons";
import { formatDateTime, formatDay } from "@/lib/contracts/format";
import { languageInEnglish } from "@/lib/contracts/self-intake";
import { historySections, overrideReasonLabel, sourceNote, visitDateOf, type TVisitSummary } from "../visit-summary";
import { pdfFonts, printable, REPLACEMENT } from "./fonts";
import { handoutPage, HANDOUT_TITLE } from "./handout-pdf";
import { ALERT, INK, MARGIN, MUTED, Writer } from "./writer";

export interface TPdfOptions {
  clinicName: string;
  printedBy: string;
  /** ISO timestamp */
  printedAt: string;
  /** IANA zone every time is printed in */
  timeZone: string;
}

export const NOT_SIGNED_MARK = "NOT SIGNED - provisional";

/** "Times are in Europe/London.": every time in the PDF is in the clinic's zone. */
export const timeZoneLine = (timeZone: string) => `Times are in ${timeZone}.`;

/** One fired rule: title and tier, its id as small print, the facts that made it fire (with the values), and the action. */
function firedRule(w: Writer, e: Explanation) {
  w.ensure(50);
  w.text(`${e.title}${e.tier ? `: ${URGENCY_LABELS[e.tier]}` : ""}`, { bold: true, indent: 12 });
  w.secondary(`Rule ${e.rule}`, 12);
  if (e.conditions.length > 0) w.field("Evidence", e.conditions.join("; "), 24);
  w.field("Action", e.action, 24);
}

function body(w: Writer, s: TVisitSummary, o: TPdfOptions) {
  const { doc } = w;
  const e = s.evaluation;
  const p = s.patient;
  const at = (iso: string) => formatDateTime(iso, o.timeZone);
  const advice = adviceOf(e);

  w.text(o.clinicName, { size: 11, color: MUTED });
  w.text("Visit summary", { size: 20, bold: true, gap: 6 });
  w.field("Patient", `${p.familyName}, ${p.givenName}`);
  w.field("MRN", p.mrn);
  w.field("Date of birth", formatDay(p.birthDate));
  w.field("Sex", SEX_LABELS[p.sex] ?? p.sex);
  if (typeof s.answers.age_years === "number") w.field("Age at visit", `${s.answers.age_years} years`);
  w.field("Visit date", formatDay(visitDateOf(s)));
  if (s.visit.submittedAt) w.field("Intake submitted", `${at(s.visit.submittedAt)}${s.visit.submittedBy ? ` by ${s.visit.submittedBy}` : ""}`);
  w.field("Record status", STATUS_LABELS[s.visit.status]);
  if (s.selfIntake) w.field("Answered by", selfIntakeLine(s.selfIntake, o));
  w.text(timeZoneLine(o.timeZone), { color: MUTED });
  doc.moveDown(0.5);
  signOff(w, s, o);

  const askNow = askNowLines(e.cannot_exclude);
  if (askNow.length > 0) {
    w.heading(askNowHeadline(askNow));
    w.text("Safety questions were left blank, so these cannot be ruled out:");
    for (const l of askNow) w.bullet(`Cannot exclude ${l.concern}: ask about ${joinWords(l.questions.map((q) => q.short))}`);
    if (s.blankReason) w.field("Submitted without the answers", blankReasonText(s.blankReason));
  }

  if (e.missing.length > 0) {
    w.heading("Provisional result: answers missing");
    w.text("This result rests on blank safety answers. Missing:");
    for (const f of e.missing) w.bullet(questionById(f)?.label ?? f);
  }

  w.heading(`Urgency: ${URGENCY_LABELS[e.urgency]}`);
  const redFlags = e.explanations.filter((x) => x.kind === "red_flag");
  const pathways = e.explanations.filter((x) => x.kind === "pathway");
  w.subheading("Red flags");
  if (redFlags.length === 0) w.text("No red flag fired.", { indent: 12 });
  for (const x of redFlags) firedRule(w, x);
  if (pathways.length > 0) {
    w.subheading("Other findings");
    for (const x of pathways) firedRule(w, x);
  }
  if (e.out_of_scope) {
    w.subheading("Outside the decision support");
    w.text(e.out_of_scope.message, { indent: 12 });
  }

  w.heading("Imaging");
  w.field("Suggestion", `${MODALITY_LABELS[e.imaging.modality]}: ${e.imaging.detail}`);
  if (e.imaging.rule) w.secondary(`Suggested by rule ${e.imaging.rule}`);
  for (const note of e.imaging.notes) w.field("Note", note);
  if (e.imaging.also_consider.length > 0) {
    w.text("Also consider:", { bold: true });
    for (const a of e.imaging.also_consider) {
      w.bullet(`${a.title}${a.modality !== "none" ? `: ${MODALITY_LABELS[a.modality]}` : ""}${a.detail ? ` - ${a.detail}` : ""}`);
    }
  }
  w.subheading("Doctor's decision");
  const d = s.decision;
  if (!d) w.text("No decision recorded yet.", { indent: 12 });
  else {
    if (d.action === "accept") w.field("Decision", `Accepted the suggestion (${MODALITY_LABELS[e.imaging.modality]})`, 12);
    else {
      w.field("Decision", `Overridden: ${d.modality ? MODALITY_LABELS[d.modality] : "-"} instead of ${MODALITY_LABELS[e.imaging.modality]}`, 12);
      if (d.reasonCode) w.field("Reason", `${overrideReasonLabel(d.reasonCode)}${d.reasonText ? `: ${d.reasonText}` : ""}`, 12);
    }
    if (d.note) w.field("Clinical note", d.note, 12);
    if (d.decidedBy || d.decidedAt) w.field("Decided", `${d.decidedBy ?? ""}${d.decidedAt ? ` at ${at(d.decidedAt)}` : ""}`.trim(), 12);
  }

  w.heading("Blood tests");
  if (e.blood_tests.required) for (const t of e.blood_tests.panel) w.bullet(t);
  else w.text("No blood tests suggested.");
  if (e.blood_tests.at_doctors_choice.length > 0) w.field("At the doctor's choice", e.blood_tests.at_doctors_choice.join("; "));

  w.heading("Advice for the patient");
  for (const a of advice.patient) w.bullet(a.title ? `${a.title}: ${a.text}` : a.text);
  w.field("Safety net", e.safety_net.text);
  if (advice.clinician.length > 0) {
    w.heading("For the clinician: medicines, tests and review");
    for (const a of advice.clinician) w.bullet(a.title && !a.text.startsWith(a.title) ? `${a.title}: ${a.text}` : a.text);
  }
  w.text(`The patient handout is the last page ("${HANDOUT_TITLE}").`, { color: MUTED });

  w.heading("History");
  if (s.selfIntake) w.text("Each answer says whether the patient gave it or staff corrected it; answers with no mark were given by staff.", { color: MUTED });
  for (const section of historySections(s.answers, s.selfIntake?.answers ?? null)) {
    w.subheading(section.title);
    if (section.rows.length === 0) w.text("No answers recorded.", { indent: 12, color: MUTED });
    for (const r of section.rows) w.row(r.label, r.value, sourceNote(r));
  }

  if (s.addenda.length > 0) {
    w.heading("Addenda");
    for (const a of s.addenda) {
      w.text(`${at(a.createdAt)}, ${a.author}:`, { bold: true });
      w.text(a.text, { indent: 12, gap: 6 });
    }
  }

  w.heading("Sign-off");
  signOff(w, s, o);
  w.field("Ruleset version", s.visit.rulesetVersion ?? e.ruleset_version);
  w.text("Backline suggests; the doctor decides.", { color: MUTED });
  if (w.replaced > 0) {
    doc.moveDown(0.5);
    w.text(
      `${w.replaced} character(s) cannot be drawn with this PDF's font and are printed as ${REPLACEMENT}. The record in Backline holds the exact text; the MRN identifies the patient.`,
      { color: ALERT },
    );
  }
}

/** "The patient, in Spanish, finished 7 Dec 2026 10:30; staff checked and submitted it." */
function selfIntakeLine(si: NonNullable<TVisitSummary["selfIntake"]>, o: TPdfOptions): string {
  const language = languageInEnglish(si.language);
  const finished = si.reportedAt ? `, finished ${formatDateTime(si.reportedAt, o.timeZone)}` : "";
  return `The patient${language ? `, in ${language}` : ""}${finished}; staff checked the answers before submitting.`;
}

const PROVISIONAL_ACKNOWLEDGED = "Signed as provisional: the blank safety answers could not be obtained.";

function signOff(w: Writer, s: TVisitSummary, o: TPdfOptions) {
  if (s.signOff) {
    w.text(`Signed by ${s.signOff.signedBy} at ${formatDateTime(s.signOff.signedAt, o.timeZone)}`, { size: 12, bold: true });
    if (s.signOff.provisionalAcknowledged) w.text(PROVISIONAL_ACKNOWLEDGED, { bold: true });
  } else w.text(NOT_SIGNED_MARK, { size: 14, bold: true, color: ALERT });
}

/** Running header and footer, written once the page count is known; the last page is the patient handout. */
function decoratePages(w: Writer, s: TVisitSummary, o: TPdfOptions) {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  const printed = `Printed by ${o.printedBy} at ${formatDateTime(o.printedAt, o.timeZone)} (${o.timeZone})`;
  const who = `${s.patient.familyName}, ${s.patient.givenName} · MRN ${s.patient.mrn} · born ${formatDay(s.patient.birthDate)}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    // Writing in the margins must not trigger pdfkit's automatic page break.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const put = (text: string, x: number, y: number, opts: { bold?: boolean; color?: string; align?: "left" | "right" | "center"; size?: number }) => {
      const fonts = pdfFonts();
      const t = printable(opts.bold ? fonts.bold : fonts.regular, text).text;
      doc.font(opts.bold ? "bold" : "regular").fontSize(opts.size ?? 8).fillColor(opts.color ?? MUTED).text(t, x, y, { width, align: opts.align ?? "left", lineBreak: false });
    };
    const handout = i === range.start + range.count - 1;
    put(`${o.clinicName} · ${handout ? "Patient handout" : "Visit summary"}`, MARGIN.left, 30, {});
    put(who, MARGIN.left, 42, { bold: true, color: INK });
    if (!s.signOff) put(NOT_SIGNED_MARK, MARGIN.left, 30, { bold: true, color: ALERT, align: "right", size: 9 });
    doc.moveTo(MARGIN.left, 56).lineTo(doc.page.width - MARGIN.right, 56).lineWidth(0.5).strokeColor("#999999").stroke();
    const footY = doc.page.height - 44;
    put(`${printed} · Ruleset ${s.visit.rulesetVersion ?? s.evaluation.ruleset_version}`, MARGIN.left, footY, {});
    put(`Page ${i + 1 - range.start} of ${range.count}`, MARGIN.left, footY + 12, { align: "right", bold: true, color: INK });
    doc.page.margins.bottom = bottom;
  }
}

export async function renderVisitSummaryPdf(s: TVisitSummary, o: TPdfOptions): Promise<Buffer> {
  const fonts = pdfFonts();
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    lang: "en-GB",
    displayTitle: true,
    // The default Helvetica would be registered (and written) for nothing.
    font: fonts.regular as unknown as string,
    info: { Title: "Visit summary", Author: o.clinicName, Creator: "Backline", Producer: "Backline", CreationDate: new Date(o.printedAt) },
  });
  doc.registerFont("regular", fonts.regular as unknown as string);
  doc.registerFont("bold", fonts.bold as unknown as string);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const w = new Writer(doc);
  body(w, s, o);
  handoutPage(w, s, o.clinicName);
  decoratePages(w, s, o);
  doc.end();
  return done;
}
