import { roundHalfUp } from "./round";

export type GradeBand = { minPercent: number; letter: string; gradePoints?: number | null };

export const DEFAULT_BANDS: GradeBand[] = [
  { minPercent: 90, letter: "A+", gradePoints: 10 },
  { minPercent: 80, letter: "A", gradePoints: 9 },
  { minPercent: 70, letter: "B", gradePoints: 8 },
  { minPercent: 60, letter: "C", gradePoints: 7 },
  { minPercent: 50, letter: "D", gradePoints: 6 },
  { minPercent: 40, letter: "E", gradePoints: 5 },
  { minPercent: 0, letter: "F", gradePoints: 0 },
];

/**
 * The grade for the value as SHOWN, so a parent who reads 90.0 never sees a B. Rounding an
 * already shown value changes nothing, so an unrounded one is rounded here too rather than
 * graded differently. Below every band (a scale validateBands would reject) there is no grade.
 */
export function gradeFor(shownPercent: number | null | undefined, bands: GradeBand[] = DEFAULT_BANDS): GradeBand | null {
  if (shownPercent === null || shownPercent === undefined || !Number.isFinite(shownPercent)) return null;
  const shown = roundHalfUp(shownPercent, 1);
  let best: GradeBand | null = null;
  for (const b of bands) {
    if (shown >= b.minPercent && (best === null || b.minPercent > best.minPercent)) best = b;
  }
  return best;
}

export type BandProblem = { message: string; band: number | null; field: "letter" | "minPercent" | null };

/**
 * What is wrong with a grading scale, each problem with the band (its index) and the field it
 * belongs beside; `band: null` for the scale as a whole. Empty when the scale is usable.
 */
export function bandProblems(bands: GradeBand[]): BandProblem[] {
  if (bands.length === 0) return [{ message: "Add at least one grade band.", band: null, field: null }];
  const problems: BandProblem[] = [];
  const letters = new Set<string>();
  const mins = new Set<number>();
  for (const [i, b] of bands.entries()) {
    const letter = b.letter.trim();
    if (!letter) problems.push({ message: "Every band needs a letter.", band: i, field: "letter" });
    else if (letters.has(letter)) problems.push({ message: `The letter ${letter} is used twice.`, band: i, field: "letter" });
    letters.add(letter);
    if (!Number.isFinite(b.minPercent) || b.minPercent < 0 || b.minPercent > 100) {
      problems.push({ message: `The minimum for ${letter || "a band"} must be between 0 and 100.`, band: i, field: "minPercent" });
    } else if (mins.has(b.minPercent)) {
      problems.push({ message: `Two bands start at ${b.minPercent}%.`, band: i, field: "minPercent" });
    }
    mins.add(b.minPercent);
  }
  if (!bands.some((b) => b.minPercent === 0)) problems.push({ message: "One band must start at 0% so every result has a grade.", band: null, field: null });
  return problems;
}

/** What is wrong with a grading scale, in words for the settings form (each message once); empty when it is usable. */
export function validateBands(bands: GradeBand[]): string[] {
  return [...new Set(bandProblems(bands).map((p) => p.message))];
}

/** The problems as a form's field errors: `bands.<i>.<field>` beside the band, `bands` for the scale as a whole. */
export function bandFieldErrors(bands: GradeBand[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of bandProblems(bands)) {
    const key = p.band === null ? "bands" : `bands.${p.band}.${p.field}`;
    (out[key] ??= []).push(p.message);
  }
  return out;
}
