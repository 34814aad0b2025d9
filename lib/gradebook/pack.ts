import type { MarkStatus } from "@/lib/constants";

// A course's marks as a dense grid, packed for the wire: a 1,000 × 100 gradebook is
// ~0.7 MB of flat arrays instead of ~7 MB of objects. Index = row × columns + column.
export type PackedGrid = {
  scores: (number | null)[];
  /** One character per cell: "." empty, g graded, l late, a absent, m missing, e excused. */
  statuses: string;
  versions: number[];
  feedback: Record<number, string>;
};

const CODE: Record<MarkStatus, string> = { graded: "g", late: "l", absent: "a", missing: "m", excused: "e" };
const STATUS: Record<string, MarkStatus> = { g: "graded", l: "late", a: "absent", m: "missing", e: "excused" };

export function packGrid(
  rowIds: number[],
  columnIds: number[],
  marks: Iterable<{ candidateId: number; assessmentId: number; score: number | null; status: MarkStatus; feedback: string | null; version: number }>,
): PackedGrid {
  const R = rowIds.length;
  const C = columnIds.length;
  const row = new Map(rowIds.map((id, i) => [id, i]));
  const col = new Map(columnIds.map((id, i) => [id, i]));
  const scores: (number | null)[] = new Array(R * C).fill(null);
  const statuses: string[] = new Array(R * C).fill(".");
  const versions: number[] = new Array(R * C).fill(0);
  const feedback: Record<number, string> = {};
  for (const m of marks) {
    const r = row.get(m.candidateId);
    const c = col.get(m.assessmentId);
    if (r === undefined || c === undefined) continue;
    const i = r * C + c;
    scores[i] = m.score;
    statuses[i] = CODE[m.status];
    versions[i] = m.version;
    if (m.feedback) feedback[i] = m.feedback;
  }
  return { scores, statuses: statuses.join(""), versions, feedback };
}

export function unpackCell(p: PackedGrid, i: number): { score: number | null; status: MarkStatus; feedback: string | null; version: number } | null {
  const s = p.statuses[i];
  if (!s || s === ".") return null;
  return { score: p.scores[i], status: STATUS[s], feedback: p.feedback[i] ?? null, version: p.versions[i] };
}

/** The grid from SQLite's per-candidate "assessmentId,score,status,version;…" strings. */
export function packFromStrings(
  rowIds: number[],
  columnIds: number[],
  rows: { candidateId: number; cells: string }[],
  feedback: { candidateId: number; assessmentId: number; feedback: string | null }[],
): PackedGrid {
  const C = columnIds.length;
  const R = rowIds.length;
  const row = new Map(rowIds.map((id, i) => [id, i]));
  const col = new Map(columnIds.map((id, i) => [id, i]));
  const scores: (number | null)[] = new Array(R * C).fill(null);
  const statuses: string[] = new Array(R * C).fill(".");
  const versions: number[] = new Array(R * C).fill(0);
  for (const { candidateId, cells } of rows) {
    const r = row.get(candidateId);
    if (r === undefined || !cells) continue;
    for (const cell of cells.split(";")) {
      const [a, score, status, version] = cell.split(",");
      const c = col.get(Number(a));
      if (c === undefined) continue;
      const i = r * C + c;
      scores[i] = score === "" ? null : Number(score);
      statuses[i] = CODE[status as MarkStatus] ?? ".";
      versions[i] = Number(version);
    }
  }
  const fb: Record<number, string> = {};
  for (const f of feedback) {
    const r = row.get(f.candidateId);
    const c = col.get(f.assessmentId);
    if (r !== undefined && c !== undefined && f.feedback) fb[r * C + c] = f.feedback;
  }
  return { scores, statuses: statuses.join(""), versions, feedback: fb };
}
