import Papa from "papaparse";
import { createHash } from "node:crypto";

export const MAX_IMPORT_ROWS = 100_000;

/** `lines[i]` is the line of `rows[i]` as a spreadsheet shows it (the header is line 1). */
export type ParsedCsv = { headers: string[]; rows: Record<string, string>[]; lines: number[]; errors: string[] };

const DELIMITERS = [",", ";", "\t", "|"];

/** The separator the header line uses most (outside quotes); a comma when it has none. */
function delimiterOf(text: string): string {
  const header = text.split("\n").find((l) => l.trim() !== "") ?? "";
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts].reduce((best, c) => (c[1] > best[1] ? c : best), [",", 0])[0];
}

const blank = (cells: string[]) => cells.every((c) => c.trim() === "");

/**
 * Reads a CSV file's text: the first non-blank line is the header; blank lines are skipped
 * but still counted, so an error's line is the row a spreadsheet shows. Line endings may be
 * mixed (files pieced together from several tools are). Rows have no prototype: a column
 * called "__proto__" or "constructor" is just a column.
 */
export function parseCsv(text: string): ParsedCsv {
  const clean = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const res = Papa.parse<string[]>(clean, { delimiter: delimiterOf(clean), newline: "\n", skipEmptyLines: false });
  const errors: { line: number; message: string }[] = res.errors.map((e) => ({ line: e.row ?? -1, message: e.message }));
  const records = res.data;
  const start = records.findIndex((r) => !blank(r));
  const fields = start < 0 ? [] : records[start].map((h) => h.trim());
  const rows: Record<string, string>[] = [];
  const lines: number[] = [];
  for (let i = start + 1; start >= 0 && i < records.length; i++) {
    const cells = records[i];
    if (blank(cells)) continue;
    if (cells.length !== fields.length) {
      errors.push({ line: i, message: `Too ${cells.length < fields.length ? "few" : "many"} fields: expected ${fields.length} fields but parsed ${cells.length}` });
      continue;
    }
    const row: Record<string, string> = Object.create(null);
    fields.forEach((h, j) => {
      if (!(h in row)) row[h] = cells[j];
    });
    rows.push(row);
    lines.push(i + 1);
  }
  const messages = errors
    .sort((a, b) => a.line - b.line)
    .slice(0, 20)
    .map((e) => (e.line >= 0 ? `Line ${e.line + 1}: ${e.message}` : e.message));
  const headers = [...new Set(fields.filter((h) => h !== ""))];
  if (rows.length > MAX_IMPORT_ROWS) messages.unshift(`The file has ${rows.length.toLocaleString("en-IN")} rows; the limit is ${MAX_IMPORT_ROWS.toLocaleString("en-IN")} per file. Split it and import the parts.`);
  return { headers, rows, lines, errors: messages };
}

export function fileHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
