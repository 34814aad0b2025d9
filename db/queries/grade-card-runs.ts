import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { zipSync } from "fflate";
import { db } from "@/db/client";
import { candidates, courses, enrolments, gradeCardFiles, gradeCardRuns, programs, terms, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/actor";
import { likePattern } from "@/lib/list";
import { NotFoundError } from "@/lib/errors";
import { gradeCardFilename, renderGradeCard } from "@/lib/pdf/render";
import type { GradeCardData } from "@/lib/results/grade-card";
import { recordAudit } from "./audit";
import { gradeCardBatch, loadGradeCard } from "./grade-cards";
import type { ResolvedLink } from "./results";
import { newResultsCache } from "./internal/results";
import { candidatesOfRunScope, type RunScope } from "./scope";

// Bulk grade cards (issue 14): a run for a course, a program in a term, or a whole term. Like a
// report run, it is driven a batch at a time (the screen shows n of N) and everything it has
// done is in the database, so after a crash or a restart "Resume" carries on where it stopped
// and never makes a candidate's card twice (one file row per run and candidate).

export type GradeCardRunScope = RunScope;

/** Grade cards read marks: the candidate page's permission. Faculty for their own courses, admins for anything. */
const PERMISSION = "marks.read" as const;

async function termOfScope(scope: GradeCardRunScope): Promise<number> {
  if (scope.kind !== "course") {
    const [t] = await db.select({ id: terms.id }).from(terms).where(eq(terms.id, scope.termId));
    if (!t) throw new NotFoundError("Term not found.");
    return t.id;
  }
  const [c] = await db.select({ termId: courses.termId }).from(courses).where(eq(courses.id, scope.courseId));
  if (!c) throw new NotFoundError("Course not found.");
  return c.termId;
}

/** The candidates a scope covers, after checking the actor may generate for it (the same rule as report runs). */
async function candidatesInScope(actor: Actor, scope: GradeCardRunScope): Promise<number[]> {
  assertCan(actor, PERMISSION);
  return candidatesOfRunScope(actor, scope, "grade cards");
}

function scopeOf(run: typeof gradeCardRuns.$inferSelect): GradeCardRunScope {
  if (run.scope === "course") return { kind: "course", courseId: run.courseId! };
  if (run.scope === "program_term") return { kind: "program_term", programId: run.programId!, termId: run.termId };
  return { kind: "term", termId: run.termId };
}

export async function startGradeCardRun(actor: Actor, scope: GradeCardRunScope) {
  const termId = await termOfScope(scope);
  const ids = await candidatesInScope(actor, scope);
  return db.transaction(async (tx) => {
    const [run] = await tx
      .insert(gradeCardRuns)
      .values({
        scope: scope.kind,
        courseId: scope.kind === "course" ? scope.courseId : null,
        programId: scope.kind === "program_term" ? scope.programId : null,
        termId,
        total: ids.length,
        status: ids.length ? "running" : "done",
        finishedAt: ids.length ? null : new Date(),
        createdBy: actor.id || null,
      })
      .returning();
    await recordAudit(tx, actor, "start", "grade_card_run", run.id, null, { scope, total: ids.length });
    return run;
  });
}

/** A run, for its maker or an admin; anyone else is told it does not exist. */
export async function getGradeCardRun(actor: Actor, runId: number) {
  assertCan(actor, PERMISSION);
  const [run] = await db.select().from(gradeCardRuns).where(eq(gradeCardRuns.id, runId));
  if (!run || (actor.role !== "admin" && run.createdBy !== actor.id)) throw new NotFoundError("Grade card run not found.");
  return run;
}

/**
 * The cards of the next `batch` candidates not yet done. An admin's run reads them together
 * (gradeCardBatch); anyone else's one by one through loadGradeCard, which gives each card
 * exactly what the candidate page shows that person (a faculty member's courses only).
 */
async function cardsFor(actor: Actor, termId: number, ids: number[]): Promise<Map<number, GradeCardData>> {
  const out = new Map<number, GradeCardData>();
  if (actor.role === "admin") {
    for (const card of await gradeCardBatch(termId, ids, { cache: newResultsCache() })) out.set(card.candidate.id, card);
    return out;
  }
  for (const id of ids) {
    try {
      out.set(id, await loadGradeCard(actor, id, termId));
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }
  return out;
}

export type GradeCardProgress = { runId: number; done: number; total: number; made: number; finished: boolean };

/**
 * Makes and stores the next batch of a run's cards. Safe to call again and again, after an
 * interruption and from two tabs at once: a candidate's card is stored once per run.
 */
export async function continueGradeCardRun(actor: Actor, runId: number, batch = 10): Promise<GradeCardProgress> {
  const run = await getGradeCardRun(actor, runId);
  if (run.status !== "running") return { runId, done: run.done, total: run.total, made: 0, finished: true };
  const ids = await candidatesInScope(actor, scopeOf(run));
  const have = new Set((await db.select({ id: gradeCardFiles.candidateId }).from(gradeCardFiles).where(eq(gradeCardFiles.runId, runId))).map((r) => r.id));
  const next = ids.filter((id) => !have.has(id)).slice(0, batch);
  const cards = next.length ? await cardsFor(actor, run.termId, next) : new Map<number, GradeCardData>();
  // Rendered outside any transaction; stored together with the run's count.
  const rows: (typeof gradeCardFiles.$inferInsert)[] = [];
  for (const id of next) {
    const card = cards.get(id);
    if (!card) {
      rows.push({ runId, candidateId: id, fileName: "", size: 0, pdf: null });
      continue;
    }
    const pdf = await renderGradeCard(card);
    rows.push({ runId, candidateId: id, fileName: gradeCardFilename(card), size: pdf.length, pdf });
  }
  const made = await db.transaction(async (tx) => {
    const inserted = rows.length ? await tx.insert(gradeCardFiles).values(rows).onConflictDoNothing().returning({ id: gradeCardFiles.id }) : [];
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(gradeCardFiles)
      .where(eq(gradeCardFiles.runId, runId));
    // Done when every candidate has a row, or when none is left to do (someone left the
    // course since the run began: the plan shrank, and the run must not hang).
    const finished = n >= run.total || next.length === 0;
    await tx
      .update(gradeCardRuns)
      .set({ done: n, ...(finished ? { status: "done" as const, finishedAt: new Date() } : {}) })
      .where(eq(gradeCardRuns.id, runId));
    return { inserted: inserted.length, n, finished };
  });
  return { runId, done: made.n, total: run.total, made: rows.filter((r) => r.pdf).length, finished: made.finished };
}

export async function listGradeCardRuns(actor: Actor, limit = 20) {
  assertCan(actor, PERMISSION);
  return db
    .select({
      id: gradeCardRuns.id,
      scope: gradeCardRuns.scope,
      status: gradeCardRuns.status,
      total: gradeCardRuns.total,
      done: gradeCardRuns.done,
      createdAt: gradeCardRuns.createdAt,
      finishedAt: gradeCardRuns.finishedAt,
      by: users.fullName,
      courseCode: courses.code,
      programCode: programs.code,
      termName: terms.name,
    })
    .from(gradeCardRuns)
    .leftJoin(users, eq(users.id, gradeCardRuns.createdBy))
    .leftJoin(courses, eq(courses.id, gradeCardRuns.courseId))
    .leftJoin(programs, eq(programs.id, gradeCardRuns.programId))
    .leftJoin(terms, eq(terms.id, gradeCardRuns.termId))
    .where(actor.role === "admin" ? undefined : eq(gradeCardRuns.createdBy, actor.id))
    .orderBy(desc(gradeCardRuns.id))
    .limit(limit);
}

/** What a run covers, in words ("CS101 · Semester 1, 2026"). */
export async function describeGradeCardRun(actor: Actor, runId: number) {
  const run = await getGradeCardRun(actor, runId);
  const [row] = await db
    .select({ courseCode: courses.code, courseName: courses.name, programCode: programs.code, termName: terms.name })
    .from(gradeCardRuns)
    .leftJoin(courses, eq(courses.id, gradeCardRuns.courseId))
    .leftJoin(programs, eq(programs.id, gradeCardRuns.programId))
    .leftJoin(terms, eq(terms.id, gradeCardRuns.termId))
    .where(eq(gradeCardRuns.id, runId));
  const what =
    run.scope === "course" ? `${row.courseCode} ${row.courseName}` : run.scope === "program_term" ? `${row.programCode}` : "Every candidate in the term";
  return { run, title: `${what} · ${row.termName}` };
}

export const FILES_PAGE_SIZE = 50;

/** A run's cards, searchable by name or candidate number, a page at a time, with the count of what matched. */
export async function listGradeCardFiles(actor: Actor, runId: number, opts: { q?: string; page?: number } = {}) {
  await getGradeCardRun(actor, runId);
  const q = opts.q?.trim();
  const where = and(
    eq(gradeCardFiles.runId, runId),
    q ? sql`(${candidates.fullName} like ${likePattern(q)} escape '\\' or ${candidates.candidateNumber} like ${likePattern(q)} escape '\\')` : undefined,
  );
  const page = Math.max(1, opts.page ?? 1);
  const [[{ n }], rows] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)` })
      .from(gradeCardFiles)
      .innerJoin(candidates, eq(candidates.id, gradeCardFiles.candidateId))
      .where(where),
    db
      .select({
        candidateId: gradeCardFiles.candidateId,
        fullName: candidates.fullName,
        candidateNumber: candidates.candidateNumber,
        fileName: gradeCardFiles.fileName,
        size: gradeCardFiles.size,
        createdAt: gradeCardFiles.createdAt,
      })
      .from(gradeCardFiles)
      .innerJoin(candidates, eq(candidates.id, gradeCardFiles.candidateId))
      .where(where)
      .orderBy(asc(candidates.fullName), asc(candidates.id))
      .limit(FILES_PAGE_SIZE)
      .offset((page - 1) * FILES_PAGE_SIZE),
  ]);
  return { total: Number(n), page, pageSize: FILES_PAGE_SIZE, rows };
}

/** One stored card of a run, as made. */
export async function gradeCardFile(actor: Actor, runId: number, candidateId: number) {
  await getGradeCardRun(actor, runId);
  const [row] = await db
    .select({ fileName: gradeCardFiles.fileName, pdf: gradeCardFiles.pdf })
    .from(gradeCardFiles)
    .where(and(eq(gradeCardFiles.runId, runId), eq(gradeCardFiles.candidateId, candidateId), isNotNull(gradeCardFiles.pdf)));
  if (!row?.pdf) throw new NotFoundError("This grade card was not made.");
  return { fileName: row.fileName, pdf: row.pdf };
}

/** Every stored card of a run in one ZIP (stored, not deflated: a PDF is compressed already). */
export async function gradeCardZip(actor: Actor, runId: number) {
  const { run, title } = await describeGradeCardRun(actor, runId);
  const files: Record<string, Uint8Array> = {};
  // Read in slices: a term's run is ~20 MB of PDFs, never all rows' metadata plus bytes at once per query.
  const ids = (
    await db
      .select({ id: gradeCardFiles.id })
      .from(gradeCardFiles)
      .where(and(eq(gradeCardFiles.runId, runId), isNotNull(gradeCardFiles.pdf)))
      .orderBy(asc(gradeCardFiles.id))
  ).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 200) {
    const rows = await db
      .select({ fileName: gradeCardFiles.fileName, candidateId: gradeCardFiles.candidateId, pdf: gradeCardFiles.pdf })
      .from(gradeCardFiles)
      .where(inArray(gradeCardFiles.id, ids.slice(i, i + 200)));
    for (const r of rows) {
      // Two candidates can share a name-derived file name; the second gets its id.
      const name = files[r.fileName] ? r.fileName.replace(/\.pdf$/, `-${r.candidateId}.pdf`) : r.fileName;
      files[name] = new Uint8Array(r.pdf!);
    }
  }
  if (!ids.length) throw new NotFoundError("This run has no grade cards yet.");
  const zip = zipSync(files, { level: 0 });
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return { fileName: `grade-cards-${run.id}-${slug}.zip`, zip, count: ids.length };
}

/**
 * The term a link's grade card shows when the parent's URL names none: the latest term the
 * candidate has a course in. Null for a link that is no longer open.
 */
export async function latestCardTerm(link: ResolvedLink): Promise<number | null> {
  const [row] = await db
    .select({ termId: terms.id })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(terms, eq(terms.id, courses.termId))
    .where(eq(enrolments.candidateId, link.candidateId))
    .orderBy(desc(terms.startsOn), desc(terms.id))
    .limit(1);
  return row?.termId ?? null;
}
