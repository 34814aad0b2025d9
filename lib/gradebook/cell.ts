import type { MarkStatus } from "@/lib/constants";
import { validateMark } from "./mark";

// How a gradebook cell is typed and shown, spreadsheet-style: a number is a score;
// AB, MI and EX are absent, missing and excused; a score followed by L is late.

export const STATUS_CODES: Record<Exclude<MarkStatus, "graded" | "late">, string> = { absent: "AB", missing: "MI", excused: "EX" };

export type CellValue = { score: number | null; status: MarkStatus };

export type ParsedCell = { ok: true; value: CellValue } | { ok: false; error: string };

export function formatCell(v: { score: number | null; status: MarkStatus } | null | undefined): string {
  if (!v) return "";
  switch (v.status) {
    case "absent":
    case "missing":
    case "excused":
      return STATUS_CODES[v.status];
    case "late":
      return v.score === null ? "L" : `${trim(v.score)}L`;
    case "graded":
      return v.score === null ? "" : trim(v.score);
  }
}

function trim(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** What was typed in a cell (or an import's score column), read and checked by validateMark's rule. */
export function parseCell(text: string, maxScore: number): ParsedCell {
  const t = text.trim().toUpperCase().replace(",", ".");
  if (t === "") return { ok: true, value: { score: null, status: "graded" } };
  if (t === "AB" || t === "A" || t === "ABS" || t === "ABSENT") return { ok: true, value: { score: null, status: "absent" } };
  if (t === "MI" || t === "M" || t === "MISSING") return { ok: true, value: { score: null, status: "missing" } };
  if (t === "EX" || t === "E" || t === "EXC" || t === "EXCUSED") return { ok: true, value: { score: null, status: "excused" } };
  const late = /^(-?\d+(?:\.\d+)?)\s*L(?:ATE)?$/.exec(t);
  const num = late ? late[1] : t;
  if (!/^-?\d+(?:\.\d+)?$/.test(num)) return { ok: false, error: "Not a number (use a score, AB, MI, EX, or 15L for late)" };
  const score = Number(num);
  if (!Number.isFinite(score)) return { ok: false, error: "Not a number" };
  const value: CellValue = { score, status: late ? "late" : "graded" };
  const invalid = validateMark(value, maxScore);
  return invalid ? { ok: false, error: invalid } : { ok: true, value };
}

/** A block pasted from a spreadsheet: rows by newline, cells by tab. */
export function parseClipboardBlock(text: string): string[][] {
  const rows = text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
  return rows.map((r) => r.split("\t"));
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
