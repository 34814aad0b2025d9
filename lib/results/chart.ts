import type { TrendPoint } from "./trend";
import { formatDate } from "@/lib/format";

/** Per-course trends merged onto one time axis for a chart: one row per date, one column per course. */
export function mergeTrends(courses: { code: string; trend: TrendPoint[] }[]): { rows: Record<string, string | number | null>[]; series: string[] } {
  const points: { key: string; label: string; code: string; percent: number }[] = [];
  for (const c of courses) {
    for (const p of c.trend) {
      if (p.percent === null) continue;
      const key = p.date ?? `~${p.assessmentId}`;
      points.push({ key, label: p.date ? formatDate(p.date) : p.name, code: c.code, percent: p.percent });
    }
  }
  points.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = new Map<string, Record<string, string | number | null>>();
  for (const p of points) {
    const row = rows.get(p.key) ?? { label: p.label };
    row[p.code] = p.percent;
    rows.set(p.key, row);
  }
  return { rows: [...rows.values()], series: courses.filter((c) => c.trend.some((p) => p.percent !== null)).map((c) => c.code) };
}
