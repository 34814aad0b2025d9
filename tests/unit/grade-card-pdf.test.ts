import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gradeCardFilename, pdfHeaders, renderGradeCard } from "@/lib/pdf/render";
import { inkOn } from "@/components/pdf/grade-card";
import { woffToSfnt } from "@/lib/pdf/fonts";
import { COLLEGE, INDIC, SCHOOL } from "../fixtures/grade-cards/data";
import { pdfText } from "../support/pdf-text";

// Golden text per template: the fixture card is rendered, its selectable text extracted and
// compared with the checked-in expectation. UPDATE_GOLDEN=1 rewrites the files (then read the diff).
const golden = (name: string) => new URL(`../fixtures/grade-cards/${name}.txt`, import.meta.url);

async function expectGolden(name: string, text: string) {
  const file = golden(name);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, text + "\n");
  expect(existsSync(file), `${file.pathname} is missing: run with UPDATE_GOLDEN=1 and read what it wrote`).toBe(true);
  expect(text + "\n").toBe(readFileSync(file, "utf8"));
}

describe("grade card PDF", () => {
  it("college card: its text matches the golden file", async () => {
    const pdf = await renderGradeCard(COLLEGE);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = await pdfText(pdf);
    await expectGolden("college", text);
    // The figures a reader looks for, as the results module makes them.
    for (const s of ["Asha Rao", "SPCS/2025/CS/014", "5.56", "6.95", "69.50%", "Percentage = CGPA × 10", "34 / 100", "Fail", "86.4%"])
      expect(text).toContain(s);
  });

  it("school report card: its text matches the golden file", async () => {
    const text = await pdfText(await renderGradeCard(SCHOOL));
    await expectGolden("school", text);
    expect(text).toContain("Part 1: Scholastic areas");
    expect(text).not.toContain("SGPA");
  });

  it("prints Devanagari and Gujarati names with their own glyphs, not boxes", async () => {
    const pdf = await renderGradeCard(INDIC);
    const text = await pdfText(pdf);
    // react-pdf stores Indic vowel signs in visual order (अनिका reads back as अिनका), so the
    // check is on the script's letters being there, not on the exact string.
    expect(text).toMatch(/[\u0900-\u097F]{3}/);
    expect(text).toMatch(/[\u0A80-\u0AFF]{3}/);
    expect(text).toContain("क");
    expect(text).toContain("પટ");
    // Both scripts' fonts are embedded (subset) in the file.
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/NotoSansDevanagari|Noto Sans Devanagari|NotoSans-Regular/);
    expect(raw).toMatch(/NotoSansGujarati/);
  });

  it("names the file after the candidate and the term, and sends it as a private attachment", () => {
    expect(gradeCardFilename(COLLEGE)).toBe("grade-card-spcs-2025-cs-014-semester-2-2026.pdf");
    expect(gradeCardFilename(SCHOOL)).toBe("report-card-snv-2019-0457-term-1-2026-27.pdf");
    expect(gradeCardFilename({ ...INDIC, candidate: { ...INDIC.candidate, candidateNumber: "अ" } })).toBe("grade-card-candidate-7-semester-2-2026.pdf");
    const h = new Headers(pdfHeaders("grade-card-x.pdf", 10));
    expect(h.get("content-disposition")).toBe(`attachment; filename="grade-card-x.pdf"; filename*=UTF-8''grade-card-x.pdf`);
    expect(h.get("cache-control")).toContain("no-store");
    expect(h.get("cache-control")).toContain("private");
  });

  it("unpacks a WOFF font into the TrueType font it wraps (read in place, not inflated per glyph)", () => {
    const woff = readFileSync(new URL("../../public/fonts/NotoSansGujarati-Regular.woff", import.meta.url));
    const sfnt = woffToSfnt(woff);
    expect(woff.toString("latin1", 0, 4)).toBe("wOFF");
    expect(sfnt.readUInt32BE(0)).toBe(0x00010000);
    expect(sfnt.readUInt16BE(4)).toBe(woff.readUInt16BE(12));
    expect(sfnt.length).toBeGreaterThan(woff.length);
    // Every table record points inside the file.
    for (let i = 0; i < sfnt.readUInt16BE(4); i++) {
      const at = 12 + i * 16;
      expect(sfnt.readUInt32BE(at + 8) + sfnt.readUInt32BE(at + 12)).toBeLessThanOrEqual(sfnt.length);
    }
  });

  it("puts white on a dark brand colour and ink on a pale one", () => {
    expect(inkOn("#1e3a8a")).toBe("#ffffff");
    expect(inkOn("#fbbf24")).toBe("#111827");
    expect(inkOn("not a colour")).toBe("#ffffff");
  });
});
