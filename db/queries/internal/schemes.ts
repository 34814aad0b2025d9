import "server-only";
import { desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { courseSchemes, courses, terms } from "@/db/schema";
import { DEFAULT_SCHEME, type Scheme } from "@/lib/results/scheme";

// Which scheme computes a course today: the newest version whose effective date has come (by
// the term's last day, for a term that has ended: a finished, locked term keeps the version
// its results were computed with, whatever is dated later), or the default weighted mean when
// the course has none. Unscoped: the engine's reader.

export type EffectiveScheme = { scheme: Scheme; version: number | null; effectiveFrom: string | null; presetId: string | null };

export const DEFAULT_COURSE_SCHEME: EffectiveScheme = { scheme: DEFAULT_SCHEME, version: null, effectiveFrom: null, presetId: null };

/** Today as the institution's calendar date (YYYY-MM-DD). */
export const isoToday = (now = new Date()) => now.toISOString().slice(0, 10);

export async function schemesFor(tx: DbOrTx, courseIds: number[], today = isoToday()): Promise<Map<number, EffectiveScheme>> {
  const out = new Map<number, EffectiveScheme>();
  if (!courseIds.length) return out;
  const rows = await tx
    .select({
      courseId: courseSchemes.courseId,
      version: courseSchemes.version,
      effectiveFrom: courseSchemes.effectiveFrom,
      scheme: courseSchemes.scheme,
      presetId: courseSchemes.presetId,
      endsOn: terms.endsOn,
    })
    .from(courseSchemes)
    .innerJoin(courses, eq(courses.id, courseSchemes.courseId))
    .innerJoin(terms, eq(terms.id, courses.termId))
    .where(inArray(courseSchemes.courseId, courseIds))
    .orderBy(desc(courseSchemes.version));
  for (const r of rows) {
    if (out.has(r.courseId)) continue;
    const cutoff = r.endsOn && r.endsOn < today ? r.endsOn : today;
    if (r.effectiveFrom > cutoff) continue;
    out.set(r.courseId, { scheme: r.scheme, version: r.version, effectiveFrom: r.effectiveFrom, presetId: r.presetId });
  }
  for (const id of courseIds) if (!out.has(id)) out.set(id, DEFAULT_COURSE_SCHEME);
  return out;
}

export async function schemeFor(tx: DbOrTx, courseId: number, today = isoToday()): Promise<EffectiveScheme> {
  return (await schemesFor(tx, [courseId], today)).get(courseId)!;
}
