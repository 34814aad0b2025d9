import { z } from "zod";

// The state of every list screen lives in the URL (?q=&sort=&dir=&page=&size=), so a
// filtered list can be linked, bookmarked and reloaded. Each screen parses it here.
export const PAGE_SIZES = [10, 25, 50, 100] as const;

export const listParamsSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  sort: z.string().max(50).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .optional()
    .catch(undefined),
});

export type ListParams = { q?: string; sort?: string; dir: "asc" | "desc"; page: number; size: number };

export type SearchParams = Record<string, string | string[] | undefined>;

export function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function parseListParams(sp: SearchParams, defaults: { sort?: string; dir?: "asc" | "desc"; size?: number } = {}): ListParams {
  const raw = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, first(v)]));
  const p = listParamsSchema.parse(raw);
  return {
    q: p.q || undefined,
    sort: p.sort ?? defaults.sort,
    dir: p.dir ?? defaults.dir ?? "asc",
    page: p.page ?? 1,
    size: p.size ?? defaults.size ?? 25,
  };
}

export type Page<T> = { rows: T[]; total: number; page: number; size: number };

/**
 * The sort a list applies: the one asked for in the URL when it is one of the list's keys
 * (lib/filters/<entity>.ts, shared by the query and its table), else the default.
 */
export function sortKey<K extends string>(keys: readonly K[], asked: string | undefined, fallback: K): K {
  return asked !== undefined && (keys as readonly string[]).includes(asked) ? (asked as K) : fallback;
}

/**
 * A query's row as a client table receives it when the page sends the named dates as ISO text
 * (a date input or a hidden field wants text), so the table's row type still comes from the query.
 */
export type IsoDates<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | Extract<T[P], null> };

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => "\\" + c)}%`;
}
