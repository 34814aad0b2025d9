import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { inflateSync } from "node:zlib";
import { Font } from "@react-pdf/renderer";

// The card's typeface: Noto Sans, so a name in Latin, Devanagari or Gujarati prints as written
// (PDF's built-in Helvetica has no Indic glyphs and would print boxes). react-pdf picks, glyph by
// glyph, the first family in the list that has it. Latin and Devanagari come from the
// @fontsource/noto-sans package; Gujarati, which it lacks, is checked in (public/fonts/README.md).
// Paths are read at run time from the project root, which is the working directory of
// `next start`, the tests and the scripts alike.
const root = process.cwd();
const fontsource = (file: string) => path.join(root, "node_modules/@fontsource/noto-sans/files", file);
const ours = (file: string) => path.join(root, "public/fonts", file);

export const CARD_FONTS = ["NotoSans", "NotoSansLatinExt", "NotoSansDevanagari", "NotoSansGujarati"];

/**
 * A WOFF 1.0 file as the plain TrueType font inside it. fontkit reads a WOFF by inflating a
 * table every time it is asked for one, and embedding a subset asks for tables per glyph: that
 * was a third of every card's render time. Unpacked once here, the font is read in place.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString("latin1", 0, 4) !== "wOFF") return woff;
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: Buffer; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({ tag: woff.subarray(at, at + 4), checksum: woff.readUInt32BE(at + 16), data: compLength < origLength ? inflateSync(raw) : raw });
  }
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const head = Buffer.alloc(12 + numTables * 16);
  woff.copy(head, 0, 4, 8); // the flavor is the sfnt version
  head.writeUInt16BE(numTables, 4);
  head.writeUInt16BE(searchRange, 6);
  head.writeUInt16BE(entrySelector, 8);
  head.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [head];
  let offset = head.length;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    t.tag.copy(head, at);
    head.writeUInt32BE(t.checksum, at + 4);
    head.writeUInt32BE(offset, at + 8);
    head.writeUInt32BE(t.data.length, at + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

const dataUrl = (file: string) => `data:font/ttf;base64,${woffToSfnt(readFileSync(file)).toString("base64")}`;

let registered = false;

export function registerCardFonts(): void {
  if (registered) return;
  registered = true;
  const pair = (family: string, regular: string, bold: string) =>
    Font.register({
      family,
      fonts: [
        { src: dataUrl(regular), fontWeight: 400 },
        { src: dataUrl(bold), fontWeight: 700 },
      ],
    });
  pair("NotoSans", fontsource("noto-sans-latin-400-normal.woff"), fontsource("noto-sans-latin-700-normal.woff"));
  pair("NotoSansLatinExt", fontsource("noto-sans-latin-ext-400-normal.woff"), fontsource("noto-sans-latin-ext-700-normal.woff"));
  pair("NotoSansDevanagari", fontsource("noto-sans-devanagari-400-normal.woff"), fontsource("noto-sans-devanagari-700-normal.woff"));
  pair("NotoSansGujarati", ours("NotoSansGujarati-Regular.woff"), ours("NotoSansGujarati-Bold.woff"));
  // A name or a course title is never split across lines with a hyphen.
  Font.registerHyphenationCallback((word) => [word]);
}
