import type { TrendPoint } from "./trend";

export type SvgSeries = { name: string; color: string; points: { x: number; y: number; label: string; percent: number }[] };

const COLORS = ["#4f46e5", "#059669", "#d97706", "#e11d48", "#0891b2", "#7c3aed", "#0d9488", "#ea580c"];

/**
 * Trend lines laid out for an SVG drawn on the server: one series per course over a shared
 * time axis, y from 0 to 100 %. No script needed to show it.
 */
export function layoutTrend(
  courses: { code: string; trend: TrendPoint[] }[],
  width = 640,
  height = 220,
  pad = 32,
): { series: SvgSeries[]; width: number; height: number; ticks: { y: number; label: string }[] } {
  const all = courses.flatMap((c) => c.trend.filter((p) => p.percent !== null));
  const keys = [...new Set(all.map((p) => p.date ?? `~${p.assessmentId}`))].sort();
  const xOf = (k: string) => pad + (keys.length <= 1 ? (width - 2 * pad) / 2 : (keys.indexOf(k) / (keys.length - 1)) * (width - 2 * pad));
  const yOf = (pct: number) => height - pad - (pct / 100) * (height - 2 * pad);
  const series = courses
    .map((c, i) => ({
      name: c.code,
      color: COLORS[i % COLORS.length],
      points: c.trend
        .filter((p) => p.percent !== null)
        .map((p) => ({ x: xOf(p.date ?? `~${p.assessmentId}`), y: yOf(p.percent!), label: p.name, percent: p.percent! })),
    }))
    .filter((s) => s.points.length > 0);
  return { series, width, height, ticks: [0, 50, 100].map((v) => ({ y: yOf(v), label: `${v}%` })) };
}
