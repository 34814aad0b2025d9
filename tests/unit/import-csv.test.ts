import { describe, expect, it } from "vitest";
import fc from "fast-check";
import Papa from "papaparse";
import { parseCsv, parseCsvAsync } from "@/lib/import/csv";

/**
 * How files were read before the reader streamed: Papa Parse over the whole text, every record
 * kept. The reader must agree with it on every file (it only stops early past the row limit).
 */
function papaReference(text: string) {
  const clean = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const header = clean.split("\n").find((l) => l.trim() !== "") ?? "";
  const counts = new Map([",", ";", "\t", "|"].map((d) => [d, 0]));
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  const delimiter = [...counts].reduce((best, c) => (c[1] > best[1] ? c : best), [",", 0])[0];
  const res = Papa.parse<string[]>(clean, { delimiter, newline: "\n", skipEmptyLines: false });
  const errors = res.errors.map((e) => ({ line: e.row ?? -1, message: e.message }));
  const blank = (cells: string[]) => cells.every((c) => c.trim() === "");
  const start = res.data.findIndex((r) => !blank(r));
  const fields = start < 0 ? [] : res.data[start].map((h) => h.trim());
  const rows: [string, string][][] = [];
  const entries = (cells: string[]) => {
    const row: Record<string, string> = Object.create(null);
    fields.forEach((h, j) => {
      if (!(h in row)) row[h] = cells[j];
    });
    return Object.entries(row);
  };
  const lines: number[] = [];
  for (let i = start + 1; start >= 0 && i < res.data.length; i++) {
    const cells = res.data[i];
    if (blank(cells)) continue;
    if (cells.length !== fields.length) {
      errors.push({
        line: i,
        message: `Too ${cells.length < fields.length ? "few" : "many"} fields: expected ${fields.length} fields but parsed ${cells.length}`,
      });
      continue;
    }
    rows.push(entries(cells));
    lines.push(i + 1);
  }
  const messages = errors
    .sort((a, b) => a.line - b.line)
    .slice(0, 20)
    .map((e) => (e.line >= 0 ? `Line ${e.line + 1}: ${e.message}` : e.message));
  return { headers: [...new Set(fields.filter((h) => h !== ""))], rows, lines, errors: messages };
}

describe("parseCsv", () => {
  it("gives each row the line a spreadsheet shows it on, blank lines included", () => {
    const p = parseCsv('\uFEFFName,Score\n\na,1\n  \n"b\nc",2\nd,3\n\n');
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => r.Name)).toEqual(["a", "b\nc", "d"]);
    expect(p.lines).toEqual([3, 5, 6]);
  });

  it("reads a header that follows blank lines, and reports bad rows on their own line", () => {
    const p = parseCsv("\n\nName,Score\na,1\n\nb\n");
    expect(p.headers).toEqual(["Name", "Score"]);
    expect(p.errors).toEqual(["Line 6: Too few fields: expected 2 fields but parsed 1"]);
  });

  it("reads mixed line endings, inside cells too", () => {
    const p = parseCsv('Name,Note\r\na,"x\r\ny"\nb,z\rc,w\r\n');
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => [r.Name, r.Note])).toEqual([
      ["a", "x\ny"],
      ["b", "z"],
      ["c", "w"],
    ]);
    expect(p.lines).toEqual([2, 3, 4]);
  });

  it("takes the separator from the header line, whatever the cells hold", () => {
    expect(parseCsv("Name;Score\na,b,c;1\n").rows).toEqual([{ Name: "a,b,c", Score: "1" }]);
    expect(parseCsv("Name,Note\na,x;y;z|w\nb,p;q\n").rows.map((r) => r.Note)).toEqual(["x;y;z|w", "p;q"]);
    expect(parseCsv("Name\tScore\na\t1\n").rows).toEqual([{ Name: "a", Score: "1" }]);
  });

  it("treats columns named like Object's own properties as plain columns", () => {
    const p = parseCsv("__proto__,constructor,toString\n1,2,3\n");
    expect(p.errors).toEqual([]);
    expect(p.headers).toEqual(["__proto__", "constructor", "toString"]);
    expect(Object.entries(p.rows[0])).toEqual([
      ["__proto__", "1"],
      ["constructor", "2"],
      ["toString", "3"],
    ]);
    expect(parseCsv("a,b\n1,2\n").rows[0].constructor).toBeUndefined();
  });

  it("reports an unterminated quote on its line", () => {
    const p = parseCsv('Name,Score\na,1\n"b,2\nc,3\n');
    expect(p.errors[0]).toMatch(/^Line 3: Quoted field unterminated/);
  });

  it("reads every file as Papa Parse did: quotes, escapes, stray quotes, blank lines, any line endings", () => {
    const unit = fc.constantFrom("a", "1", ",", ";", "\t", "|", '"', '""', "\n", "\r", "\r\n", " ", "  ", "\uFEFF", "é", "=");
    const cells = fc.array(fc.array(fc.string({ unit, maxLength: 6 }), { maxLength: 5 }), { maxLength: 6 });
    const text = fc.oneof(
      fc.string({ unit, maxLength: 200 }),
      fc.tuple(cells, fc.constantFrom("\n", "\r\n", "\r")).map(([rows, nl]) => rows.map((r) => r.join(",")).join(nl)),
    );
    fc.assert(
      fc.property(text, (t) => {
        const p = parseCsv(t);
        expect({ headers: p.headers, rows: p.rows.map((r) => Object.entries(r)), lines: p.lines, errors: p.errors }).toEqual(papaReference(t));
      }),
      { numRuns: 3000 },
    );
  });

  it("stops one row past the limit, whatever comes after, and says the file is too long", async () => {
    const text = ["Name,Score", ...Array.from({ length: 1000 }, (_, i) => `n${i},${i}`), '"never,read'].join("\n");
    for (const p of [parseCsv(text, { maxRows: 10 }), await parseCsvAsync(text, { maxRows: 10 })]) {
      expect(p.examined).toBe(11);
      expect(p.overLimit).toBe(true);
      expect(p.rows).toHaveLength(10);
      expect(p.errors).toEqual(["The file has more than 10 rows; the limit is 10 per file. Split it and import the parts."]);
    }
    expect(parseCsv(text, { maxRows: 1001 }).errors).toEqual([
      "Line 1002: Quoted field unterminated",
      "Line 1002: Too few fields: expected 2 fields but parsed 1",
    ]);
  });

  it("keeps only the columns asked for", () => {
    const p = parseCsv("a,b,c,a\n1,2,3,4\n", { keep: ["c", "a", "missing"] });
    expect(p.headers).toEqual(["a", "b", "c"]);
    expect(Object.entries(p.rows[0])).toEqual([
      ["a", "1"],
      ["c", "3"],
    ]);
  });
});
