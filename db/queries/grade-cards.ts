import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { accessLinks, candidates, courses, guardians, programs } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/actor";
import { NotFoundError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import type { Audience } from "@/lib/results";
import { gradeCardFrom, type GradeCardData } from "@/lib/results/grade-card";
import { candidateResults, type ResolvedLink } from "./results";
import { assertCandidateVisible } from "./scope";
import { getSettings } from "./settings";
import { remarksForTerm } from "./remarks";
import { loadResultsFor, newResultsCache, type CandidateResults, type ResultsCache } from "./internal/results";

export type { GradeCardData, GradeCardCourse, GradeCardTerm } from "@/lib/results/grade-card";

/** Who is asking: a staff member (the candidate page's visibility) or a result-page link (released marks only). */
export type GradeCardScope = Actor | ResolvedLink;

const isLink = (scope: GradeCardScope): scope is ResolvedLink => "linkId" in scope;

type About = { id: number; fullName: string; candidateNumber: string; program: string | null; programCode: string | null; guardianNames: string[] };

async function aboutCandidates(ids: number[]): Promise<Map<number, About>> {
  const out = new Map<number, About>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = await db
      .select({
        id: candidates.id,
        fullName: candidates.fullName,
        candidateNumber: candidates.candidateNumber,
        program: programs.name,
        programCode: programs.code,
      })
      .from(candidates)
      .leftJoin(programs, eq(programs.id, candidates.programId))
      .where(inArray(candidates.id, part));
    for (const r of rows) out.set(r.id, { ...r, guardianNames: [] });
    const gs = await db
      .select({ candidateId: guardians.candidateId, fullName: guardians.fullName })
      .from(guardians)
      .where(inArray(guardians.candidateId, part))
      .orderBy(asc(guardians.id));
    for (const g of gs) out.get(g.candidateId)?.guardianNames.push(g.fullName);
  }
  return out;
}

async function institution() {
  const s = await getSettings();
  return { institution: { name: s.name, shortName: s.shortName, brandColor: s.brandColor }, issuedOn: formatDate(new Date(), s.dateFormat) };
}

function card(
  results: CandidateResults,
  termId: number,
  about: About,
  inst: Awaited<ReturnType<typeof institution>>,
  remarks: string | undefined,
): GradeCardData | null {
  return gradeCardFrom(results, termId, { ...inst, candidate: about, remarks: remarks ?? null });
}

/**
 * One candidate's grade card for a term. Staff see what the candidate page shows them (the
 * same query: candidateResults); a link sees what its result page shows (released marks only,
 * its own candidate, while it is open). Anything else is NotFound, like the pages.
 */
export async function loadGradeCard(scope: GradeCardScope, candidateId: number, termId: number): Promise<GradeCardData> {
  let results: CandidateResults;
  if (isLink(scope)) {
    if (scope.candidateId !== candidateId) throw new NotFoundError("Grade card not found.");
    const [open] = await db
      .select({ id: accessLinks.id })
      .from(accessLinks)
      .where(
        and(
          eq(accessLinks.id, scope.linkId),
          eq(accessLinks.candidateId, candidateId),
          sql`${accessLinks.revokedAt} is null`,
          sql`${accessLinks.expiresAt} > ${Date.now()}`,
        ),
      );
    if (!open) throw new NotFoundError("Grade card not found.");
    results = (await loadResultsFor(db, [candidateId], { audience: "parents" })).get(candidateId)!;
  } else {
    assertCan(scope, "marks.read");
    await assertCandidateVisible(scope, candidateId);
    results = await candidateResults(scope, candidateId);
  }
  const [about, inst, remarks] = await Promise.all([aboutCandidates([candidateId]), institution(), remarksForTerm(termId, [candidateId])]);
  const who = about.get(candidateId);
  const made = who ? card(results, termId, who, inst, remarks.get(candidateId)) : null;
  if (!made) throw new NotFoundError("No results for this term.");
  return made;
}

/**
 * Many candidates' cards for one term, read in a few set-based queries per 500 candidates
 * (the bulk PDF run). Unscoped, like reportContent: the caller has already checked that the
 * actor may generate for these candidates. Staff audience by default (what loadGradeCard
 * gives an admin); `audience: "parents"` for cards that go home with released marks only.
 * Candidates with no course in the term get no card; the order of `candidateIds` is kept.
 */
export async function gradeCardBatch(
  termId: number,
  candidateIds: number[],
  opts: { audience?: Audience; cache?: ResultsCache } = {},
): Promise<GradeCardData[]> {
  const ids = [...new Set(candidateIds)];
  if (!ids.length) return [];
  const cache = opts.cache ?? newResultsCache();
  const [results, about, inst, remarks] = await Promise.all([
    // Only what a card can print: the term and the terms before it (its history and CGPA).
    loadResultsFor(db, ids, {
      audience: opts.audience ?? "staff",
      cache,
      courses: sql`(select starts_on from terms where terms.id = ${courses.termId}) <= (select starts_on from terms where terms.id = ${termId})`,
    }),
    aboutCandidates(ids),
    institution(),
    remarksForTerm(termId, ids),
  ]);
  const out: GradeCardData[] = [];
  for (const id of ids) {
    const r = results.get(id);
    const who = about.get(id);
    const made = r && who ? card(r, termId, who, inst, remarks.get(id)) : null;
    if (made) out.push(made);
  }
  return out;
}
