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
 * The grade for the value as SHOWN (already rounded), so a parent who reads 90.0 never
 * sees a B.
 */
export function gradeFor(shownPercent: number | null | undefined, bands: GradeBand[] = DEFAULT_BANDS): GradeBand | null {
  if (shownPercent === null || shownPercent === undefined || !Number.isFinite(shownPercent)) return null;
  const sorted = [...bands].sort((a, b) => b.minPercent - a.minPercent);
  return sorted.find((b) => shownPercent >= b.minPercent) ?? sorted[sorted.length - 1] ?? null;
}

export function validateBands(bands: GradeBand[]): string[] {
  const problems: string[] = [];
  if (bands.length === 0) return ["Add at least one grade band."];
  const letters = new Set<string>();
  const mins = new Set<number>();
  for (const b of bands) {
    if (!b.letter.trim()) problems.push("Every band needs a letter.");
    if (letters.has(b.letter.trim())) problems.push(`The letter ${b.letter} is used twice.`);
    letters.add(b.letter.trim());
    if (!Number.isFinite(b.minPercent) || b.minPercent < 0 || b.minPercent > 100) problems.push(`The minimum for ${b.letter} must be between 0 and 100.`);
    if (mins.has(b.minPercent)) problems.push(`Two bands start at ${b.minPercent}%.`);
    mins.add(b.minPercent);
  }
  if (!bands.some((b) => b.minPercent === 0)) problems.push("One band must start at 0% so every result has a grade.");
  return problems;
}
