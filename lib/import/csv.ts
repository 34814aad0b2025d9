import Papa from "papaparse";
import { createHash } from "node:crypto";

export const MAX_IMPORT_ROWS = 100_000;

export type ParsedCsv = { headers: string[]; rows: Record<string, string>[]; errors: string[] };

/** Reads a CSV file's text: first line is the header; blank lines are skipped. */
export function parseCsv(text: string): ParsedCsv {
  const res = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: "greedy", transformHeader: (h) => h.trim() });
  const errors = res.errors.slice(0, 20).map((e) => (e.row !== undefined ? `Line ${e.row + 2}: ${e.message}` : e.message));
  const headers = (res.meta.fields ?? []).filter((h) => h !== "");
  if (res.data.length > MAX_IMPORT_ROWS) errors.unshift(`The file has ${res.data.length.toLocaleString("en-IN")} rows; the limit is ${MAX_IMPORT_ROWS.toLocaleString("en-IN")} per file. Split it and import the parts.`);
  return { headers, rows: res.data, errors };
}

export function fileHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
