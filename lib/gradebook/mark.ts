import type { MarkStatus } from "@/lib/constants";

// The one rule for a mark's value, wherever it comes from: a gradebook cell as it is typed
// (parseCell), a save (saveMark), an import's preview (parseCell) and its commit (applyMarksBulk).

export type MarkInput = { score: number | null; status: MarkStatus };

/** Validation that does not need the database: null when the mark is fine, else what is wrong in words. */
export function validateMark(input: MarkInput, maxScore: number): string | null {
  if (input.score !== null) {
    if (!Number.isFinite(input.score)) return "Enter a number";
    if (input.score < 0) return "A score cannot be negative";
    if (input.score > maxScore) return `Above the maximum of ${maxScore}`;
  }
  if ((input.status === "absent" || input.status === "missing" || input.status === "excused") && input.score !== null) {
    return `A mark marked ${input.status} has no score`;
  }
  return null;
}
