import type { Page } from "@/lib/list";

/** Every row of a paged list, in its order (for CSV exports of the filtered list). */
export async function allPages<T>(load: (page: number) => Promise<Page<T>>, max = 100_000): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; out.length < max; page++) {
    const p = await load(page);
    out.push(...p.rows);
    if (p.rows.length === 0 || out.length >= p.total) break;
  }
  return out;
}
