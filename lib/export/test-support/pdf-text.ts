// Reads a PDF back with pdf.js (Mozilla's PDF engine, legacy build for Node): the text of every page.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface TPdfText {
  pages: string[];
  info: Record<string, unknown>;
}

export async function pdfText(data: Uint8Array): Promise<TPdfText> {
  const pdf = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      pages.push(content.items.map((i) => ("str" in i ? i.str + (i.hasEOL ? "\n" : "") : "")).join(""));
    }
    const meta = await pdf.getMetadata();
    return { pages, info: meta.info as Record<string, unknown> };
  } finally {
    await pdf.destroy();
  }
}
