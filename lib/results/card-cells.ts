import { formatPercent } from "./round";
import { num } from "./trace";
import { formatGpa, type Gpa, type GpaPolicy } from "./gpa";

// The figures of a grade card as words, for the PDF and any screen that shows the same card:
// one function per cell, so the printed card and the page agree character for character. Pure.

/** "28 / 40", or an em dash when the part has no mark yet (or the scheme has no such part). */
export function partCell(part: { value: number; max: number } | null): string {
  return part ? `${num(part.value)} / ${num(part.max)}` : "—";
}

/** An SGPA or CGPA to the policy's places ("8.00"), or an em dash when nothing is graded yet. */
export function gpaCell(gpa: Pick<Gpa, "value"> | null | undefined, policy: Pick<GpaPolicy, "places">): string {
  return formatGpa(gpa?.value ?? null, policy.places);
}

/** Grade points as printed ("8", "9.5"), or an em dash for an ungraded course. */
export function pointsCell(points: number | null): string {
  return points === null ? "—" : num(points);
}

/** Credits as printed; a non-credit course reads "NC" (it is left out of the SGPA) rather than "0". */
export function creditsCell(credits: number): string {
  return credits > 0 ? num(credits) : "NC";
}

/** An attendance rate (a percentage) as every screen shows it ("91.7%"). */
export function attendanceCell(a: { rate: number | null } | null | undefined): string {
  return formatPercent(a?.rate ?? null);
}

export { formatPercent as percentCell };
