import { describe, expect, it } from "vitest";
import fc from "fast-check";
import Papa from "papaparse";
import { csvResponse, toCsv } from "@/lib/csv";

const BOM = "\uFEFF";
const one = (v: unknown) =>
  toCsv([{ v }], [{ key: "v", header: "V" }])
    .slice(BOM.length)
    .split("\r\n")[1];

describe("toCsv", () => {
  it("starts with a BOM, writes the header row and ends every line with CRLF", () => {
    const csv = toCsv(
      [
        { a: 1, b: "x" },
        { a: 2, b: "y" },
      ],
      [
        { key: "a", header: "A" },
        { key: "b", header: "B" },
      ],
    );
    expect(csv).toBe(`${BOM}A,B\r\n1,x\r\n2,y\r\n`);
  });

  it("writes only the header for no rows", () => {
    expect(toCsv([], [{ key: "a", header: "Name" }])).toBe(`${BOM}Name\r\n`);
  });

  it("quotes commas, doubles quotes and keeps newlines inside quotes", () => {
    expect(one("Smith, Jo")).toBe('"Smith, Jo"');
    expect(one('He said "hi"')).toBe('"He said ""hi"""');
    expect(toCsv([{ v: "line\nbreak" }], [{ key: "v", header: "V" }])).toBe(`${BOM}V\r\n"line\nbreak"\r\n`);
    expect(toCsv([{ v: "a\r\nb" }], [{ key: "v", header: "V" }])).toBe(`${BOM}V\r\n"a\r\nb"\r\n`);
  });

  it("keeps Unicode as is", () => {
    expect(one("Zoë Ñúñez — 名前")).toBe("Zoë Ñúñez — 名前");
  });

  it("writes null and undefined as empty cells, and missing keys too", () => {
    const csv = toCsv(
      [{ a: null, b: undefined }],
      [
        { key: "a", header: "A" },
        { key: "b", header: "B" },
        { key: "c", header: "C" },
      ],
    );
    expect(csv).toBe(`${BOM}A,B,C\r\n,,\r\n`);
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(one("=SUM(A1:A3)")).toBe("'=SUM(A1:A3)");
    expect(one("+cmd")).toBe("'+cmd");
    expect(one("-2+3")).toBe("'-2+3");
    expect(one("@SUM(1)")).toBe("'@SUM(1)");
    expect(one("\tfoo")).toBe("'\tfoo");
    expect(one("\rfoo")).toBe(`"'\rfoo"`);
    expect(one('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it("leaves plain numbers alone, negative ones included", () => {
    expect(one(-3.5)).toBe("-3.5");
    expect(one("-3.5")).toBe("-3.5");
    expect(one("-12")).toBe("-12");
    expect(one(0)).toBe("0");
    expect(one(42)).toBe("42");
  });

  it("any text reads back exactly, and no cell a spreadsheet opens starts a formula", () => {
    const text = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 30 }),
      fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "1", "a", " ", ";"), maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), (cells) => {
        const columns = cells.map((_, i) => ({ key: `c${i}`, header: `H${i}` }));
        const csv = toCsv([Object.fromEntries(cells.map((c, i) => [`c${i}`, c]))], columns);
        const back = Papa.parse<string[]>(csv.slice(1), { delimiter: ",", newline: "\r\n" }).data[1];
        cells.forEach((c, i) => {
          const risky = /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c);
          expect(back[i]).toBe(risky ? `'${c}` : c);
          expect(/^[=+@\t\r]/.test(back[i]) || (/^-/.test(back[i]) && !/^-?\d+(\.\d+)?$/.test(back[i]))).toBe(false);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("neutralises header cells too", () => {
    expect(toCsv([], [{ key: "a", header: "=bad" }])).toBe(`${BOM}'=bad\r\n`);
  });
});

describe("csvResponse", () => {
  it("sends a no-store CSV attachment", async () => {
    const res = csvResponse("candidates.csv", "a,b\r\n");
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="candidates.csv"');
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(await res.text()).toBe("a,b\r\n");
  });
});
