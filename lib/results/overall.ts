import { roundHalfUp } from "./round";

/** Term or program result: the credit-weighted mean of the course percentages that exist. */
export function computeOverall(courses: { courseId: number; credits: number; percent: number | null }[]): {
  percent: number | null;
  shown: number | null;
  credits: number;
} {
  let credits = 0;
  let sum = 0;
  for (const c of courses) {
    if (c.percent === null || !Number.isFinite(c.percent) || !Number.isFinite(c.credits) || c.credits <= 0) continue;
    credits += c.credits;
    sum += c.credits * c.percent;
  }
  const percent = credits > 0 ? sum / credits : null;
  return { percent, shown: percent === null ? null : roundHalfUp(percent, 1), credits };
}
