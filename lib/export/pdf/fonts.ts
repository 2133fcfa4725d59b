// The PDF fonts: DejaVu Sans (npm package dejavu-fonts-ttf), embedded and subset by pdfkit. PDF's standard
// fonts only cover WinAnsi (Western European); DejaVu Sans also covers Greek, Cyrillic, Armenian, Georgian,
// Hebrew, Arabic and more. It has no CJK glyphs: characters no font here can draw are printed as U+FFFD and
// counted, so the summary can say so instead of dropping them silently.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { create, type Font } from "fontkit";

export interface TPdfFonts {
  regular: Font;
  bold: Font;
}

let cached: TPdfFonts | undefined;

function load(file: string): Font {
  // Resolved from the project root at run time (not by the bundler): the .ttf files stay in node_modules.
  const resolve = createRequire(path.join(process.cwd(), "package.json")).resolve;
  const font = create(readFileSync(resolve(`dejavu-fonts-ttf/ttf/${file}`)));
  if (!("layout" in font)) throw new Error(`${file} is a font collection, not a font`);
  return font;
}

/** Parsed once per process: parsing the TTF costs more than rendering a summary. */
export function pdfFonts(): TPdfFonts {
  cached ??= { regular: load("DejaVuSans.ttf"), bold: load("DejaVuSans-Bold.ttf") };
  return cached;
}

export const REPLACEMENT = "\uFFFD";

/** The text with every character the font cannot draw replaced by U+FFFD, and how many were replaced. */
export function printable(font: Font, text: string): { text: string; replaced: number } {
  let replaced = 0;
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // Line breaks, tabs and joiners are layout, not glyphs.
    if (cp < 0x20 || (cp >= 0x200b && cp <= 0x200f) || font.hasGlyphForCodePoint(cp)) out += ch;
    else {
      out += REPLACEMENT;
      replaced += 1;
    }
  }
  return { text: out, replaced };
}
