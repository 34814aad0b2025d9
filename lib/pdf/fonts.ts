import "server-only";
import path from "node:path";
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

let registered = false;

export function registerCardFonts(): void {
  if (registered) return;
  registered = true;
  const pair = (family: string, regular: string, bold: string) =>
    Font.register({
      family,
      fonts: [
        { src: regular, fontWeight: 400 },
        { src: bold, fontWeight: 700 },
      ],
    });
  pair("NotoSans", fontsource("noto-sans-latin-400-normal.woff"), fontsource("noto-sans-latin-700-normal.woff"));
  pair("NotoSansLatinExt", fontsource("noto-sans-latin-ext-400-normal.woff"), fontsource("noto-sans-latin-ext-700-normal.woff"));
  pair("NotoSansDevanagari", fontsource("noto-sans-devanagari-400-normal.woff"), fontsource("noto-sans-devanagari-700-normal.woff"));
  pair("NotoSansGujarati", ours("NotoSansGujarati-Regular.woff"), ours("NotoSansGujarati-Bold.woff"));
  // A name or a course title is never split across lines with a hyphen.
  Font.registerHyphenationCallback((word) => [word]);
}
