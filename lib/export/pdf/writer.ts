// The text helpers the PDFs share (pdfkit, A4): fonts with the characters they lack replaced and counted, page
// breaks before headings, "Label: value" fields, bullets and two-column rows.
import type PDFDocument from "pdfkit";
import { pdfFonts, printable } from "./fonts";

export const MARGIN = { top: 78, bottom: 66, left: 50, right: 50 };
export const INK = "#111111";
export const MUTED = "#555555";
export const ALERT = "#b00020";

export type TDoc = InstanceType<typeof PDFDocument>;

/** Text helpers over one document: fonts, characters the font lacks, page breaks before headings. */
export class Writer {
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

  /** Small grey secondary text (rule ids and the like, for a clinician who wants them). */
  secondary(text: string, indent = 0) {
    this.text(text, { size: 7.5, color: MUTED, indent });
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

  /** A two-column row (question | answer, with an optional note in small print under the answer) that never splits across pages. */
  row(label: string, value: string, note: string | null = null) {
    const doc = this.doc;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    const labelWidth = width * 0.58;
    const valueWidth = width - labelWidth - 12;
    const l = this.prepare(label, false);
    const lh = doc.fontSize(9).heightOfString(l, { width: labelWidth });
    const v = this.prepare(value, true);
    const vh = doc.fontSize(9).heightOfString(v, { width: valueWidth });
    const n = note === null ? null : this.prepare(note, false);
    const nh = n === null ? 0 : doc.fontSize(8).heightOfString(n, { width: valueWidth });
    const height = Math.max(lh, vh + nh);
    this.ensure(height + 4);
    const y = doc.y;
    doc.font("regular").fontSize(9).fillColor(MUTED).text(l, MARGIN.left, y, { width: labelWidth });
    doc.font("bold").fontSize(9).fillColor(INK).text(v, MARGIN.left + labelWidth + 12, y, { width: valueWidth });
    if (n !== null) doc.font("regular").fontSize(8).fillColor(MUTED).text(n, MARGIN.left + labelWidth + 12, y + vh, { width: valueWidth });
    doc.x = MARGIN.left;
    doc.y = y + height + 4;
  }
}

