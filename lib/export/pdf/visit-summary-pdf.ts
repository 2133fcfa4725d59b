// The visit summary as a PDF (pdfkit, A4): patient identifiers, the history by catalogue section, red flags
// with the evidence that fired them, imaging suggestion and the doctor's decision, blood tests, advice, addenda
// and the sign-off (with the acknowledgement when a provisional result was signed), or "NOT SIGNED - provisional"
// on every page. Every page carries the patient, "printed by ... at ..." and "Page N of M".
import PDFDocument from "pdfkit";
import { MODALITY_LABELS, SEX_LABELS, STATUS_LABELS, URGENCY_LABELS } from "@/lib/contracts/labels";
import { askNowHeadline, askNowLines, joinWords, questionById, type Explanation } from "@/lib/clinical";
import { blankReasonText } from "@/lib/contracts/blank-reasons";
import { formatDateTime, historySections, overrideReasonLabel, visitDateOf, type TVisitSummary } from "../visit-summary";
import { pdfFonts, printable, REPLACEMENT } from "./fonts";

export interface TPdfOptions {
  clinicName: string;
  printedBy: string;
  /** ISO timestamp */
  printedAt: string;
  /** IANA zone every time is printed in */
  timeZone: string;
}

export const NOT_SIGNED_MARK = "NOT SIGNED - provisional";

const MARGIN = { top: 78, bottom: 66, left: 50, right: 50 };
const INK = "#111111";
const MUTED = "#555555";
const ALERT = "#b00020";

type TDoc = InstanceType<typeof PDFDocument>;

/** Text helpers over one document: fonts, characters the font lacks, page breaks before headings. */
class Writer {
  replaced = 0;
  constructor(readonly doc: TDoc) {}

  /** Switch to the font and return the text with what it cannot draw replaced (and counted). */
  private prepare(text: string, bold: boolean): string {
    const fonts = pdfFonts();
    const p = printable(bold ? fonts.bold : fonts.regular, text);
    this.replaced += p.replaced;
    this.doc.font(bold ? "bold" : "regular");
    return p.text;
  }

  text(text: string, o: { size?: number; bold?: boolean; color?: string; indent?: number; gap?: number; continued?: boolean } = {}) {
    const t = this.prepare(text, o.bold ?? false);
    this.doc
      .fontSize(o.size ?? 10)
      .fillColor(o.color ?? INK)
      .text(t, { indent: o.indent ?? 0, continued: o.continued ?? false, paragraphGap: o.gap ?? 2 });
  }

  /** "Label: value" on one paragraph, the label in bold. */
  field(label: string, value: string, indent = 0) {
    const l = this.prepare(`${label}: `, true);
    this.doc.fontSize(10).fillColor(INK).text(l, { continued: true, indent });
    const v = this.prepare(value, false);
    this.doc.text(v, { paragraphGap: 2 });
  }

  bullet(text: string, indent = 12) {
    this.text(`• ${text}`, { indent });
  }

  /** Room for `points` more on this page, or a new page. */
  ensure(points: number) {
    if (this.doc.y + points > this.doc.page.height - MARGIN.bottom) this.doc.addPage();
  }

  heading(text: string) {
    this.ensure(60);
    this.doc.moveDown(0.6);
    this.text(text, { size: 13, bold: true, gap: 4 });
    const y = this.doc.y;
    this.doc.moveTo(MARGIN.left, y).lineTo(this.doc.page.width - MARGIN.right, y).lineWidth(0.5).strokeColor("#999999").stroke();
    this.doc.moveDown(0.3);
  }

  subheading(text: string) {
    this.ensure(40);
    this.doc.moveDown(0.3);
    this.text(text, { size: 11, bold: true, gap: 2 });
  }

  /** A two-column row (question | answer) that never splits across pages. */
  row(label: string, value: string) {
    const doc = this.doc;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    const labelWidth = width * 0.58;
    const valueWidth = width - labelWidth - 12;
    const l = this.prepare(label, false);
    const lh = doc.fontSize(9).heightOfString(l, { width: labelWidth });
    const v = this.prepare(value, true);
    const vh = doc.fontSize(9).heightOfString(v, { width: valueWidth });
    this.ensure(Math.max(lh, vh) + 4);
    const y = doc.y;
    doc.font("regular").fontSize(9).fillColor(MUTED).text(l, MARGIN.left, y, { width: labelWidth });
    doc.font("bold").fontSize(9).fillColor(INK).text(v, MARGIN.left + labelWidth + 12, y, { width: valueWidth });
    doc.x = MARGIN.left;
    doc.y = y + Math.max(lh, vh) + 4;
  }
}

/** One fired rule: title, id and tier, the facts that made it fire (with the values), and the action. */
function firedRule(w: Writer, e: Explanation) {
  w.ensure(50);
  w.text(`${e.title} (${e.rule})${e.tier ? `: ${URGENCY_LABELS[e.tier]}` : ""}`, { bold: true, indent: 12 });
  if (e.conditions.length > 0) w.field("Evidence", e.conditions.join("; "), 24);
  w.field("Action", e.action, 24);
}

function body(w: Writer, s: TVisitSummary, o: TPdfOptions) {
  const { doc } = w;
  const e = s.evaluation;
  const p = s.patient;
  const at = (iso: string) => formatDateTime(iso, o.timeZone);

  w.text(o.clinicName, { size: 11, color: MUTED });
  w.text("Visit summary", { size: 20, bold: true, gap: 6 });
  w.field("Patient", `${p.familyName}, ${p.givenName}`);
  w.field("MRN", p.mrn);
  w.field("Date of birth", p.birthDate);
  w.field("Sex", SEX_LABELS[p.sex] ?? p.sex);
  if (typeof s.answers.age_years === "number") w.field("Age at visit", `${s.answers.age_years} years`);
  w.field("Visit date", visitDateOf(s));
  if (s.visit.submittedAt) w.field("Intake submitted", `${at(s.visit.submittedAt)}${s.visit.submittedBy ? ` by ${s.visit.submittedBy}` : ""}`);
  w.field("Record status", STATUS_LABELS[s.visit.status]);
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
  if (e.imaging.rule) w.field("Suggested by rule", e.imaging.rule);
  for (const note of e.imaging.notes) w.field("Note", note);
  if (e.imaging.also_consider.length > 0) {
    w.text("Also consider:", { bold: true });
    for (const a of e.imaging.also_consider) {
      w.bullet(`${a.title} (${a.rule})${a.modality !== "none" ? `: ${MODALITY_LABELS[a.modality]}` : ""}${a.detail ? ` - ${a.detail}` : ""}`);
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

  w.heading("Advice given");
  for (const a of e.explanations.filter((x) => x.kind === "advisory")) {
    const text = a.message ?? a.action;
    w.bullet(text.startsWith(a.title) ? text : `${a.title}: ${text}`);
  }
  for (const c of e.conservative_care_content) w.bullet(c.text);
  w.field("Safety net", e.safety_net.text);

  w.heading("History");
  for (const section of historySections(s.answers)) {
    w.subheading(`${section.id} ${section.title}`);
    if (section.rows.length === 0) w.text("No answers recorded.", { indent: 12, color: MUTED });
    for (const r of section.rows) w.row(r.label, r.value);
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

const PROVISIONAL_ACKNOWLEDGED = "Signed as provisional: the blank safety answers could not be obtained.";

function signOff(w: Writer, s: TVisitSummary, o: TPdfOptions) {
  if (s.signOff) {
    w.text(`Signed by ${s.signOff.signedBy} at ${formatDateTime(s.signOff.signedAt, o.timeZone)}`, { size: 12, bold: true });
    if (s.signOff.provisionalAcknowledged) w.text(PROVISIONAL_ACKNOWLEDGED, { bold: true });
  } else w.text(NOT_SIGNED_MARK, { size: 14, bold: true, color: ALERT });
}

/** Running header and footer, written once the page count is known. */
function decoratePages(w: Writer, s: TVisitSummary, o: TPdfOptions) {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  const printed = `Printed by ${o.printedBy} at ${formatDateTime(o.printedAt, o.timeZone)}`;
  const who = `${s.patient.familyName}, ${s.patient.givenName} · MRN ${s.patient.mrn} · born ${s.patient.birthDate}`;
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
    put(`${o.clinicName} · Visit summary`, MARGIN.left, 30, {});
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
  decoratePages(w, s, o);
  doc.end();
  return done;
}
