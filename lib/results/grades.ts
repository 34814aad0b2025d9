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

/** What is wrong with a grading scale, in words for the settings form; empty when it is usable. */
export function validateBands(bands: GradeBand[]): string[] {
  if (bands.length === 0) return ["Add at least one grade band."];
  const problems: string[] = [];
  const letters = new Set<string>();
  const mins = new Set<number>();
  const reported = new Set<string>();
  const once = (message: string) => {
    if (!reported.has(message)) problems.push(message);
    reported.add(message);
  };
  for (const b of bands) {
    const letter = b.letter.trim();
    if (!letter) once("Every band needs a letter.");
    else if (letters.has(letter)) once(`The letter ${letter} is used twice.`);
    letters.add(letter);
    if (!Number.isFinite(b.minPercent) || b.minPercent < 0 || b.minPercent > 100) {
      once(`The minimum for ${letter || "a band"} must be between 0 and 100.`);
    } else if (mins.has(b.minPercent)) {
      once(`Two bands start at ${b.minPercent}%.`);
    }
    mins.add(b.minPercent);
  }
  if (!bands.some((b) => b.minPercent === 0)) problems.push("One band must start at 0% so every result has a grade.");
  return problems;
}
