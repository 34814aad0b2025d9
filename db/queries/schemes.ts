import "server-only";
import { and, asc, desc, eq, inArray, max } from "drizzle-orm";
import { db, withTx, type DbOrTx } from "@/db/client";
import { assessments, attendance, attendanceSessions, candidates, courseSchemes, enrolments, marks, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/actor";
import { ConflictError, DomainError } from "@/lib/errors";
import type { SchemeInput } from "@/lib/forms/scheme";
import { evaluateCourse, fromCounts, type MarkInput } from "@/lib/results";
import { SCHEME_PRESETS } from "@/lib/results/presets";
import { validateScheme, type Outcome, type Scheme, type SchemeAssessment } from "@/lib/results/scheme";
import { recordAudit } from "./audit";
import { assertTermOpen, createAssessmentsBulk } from "./assessments";
import { getCourse } from "./courses";
import { attendancePolicyForCourse, bandsForProgram, getThresholds } from "./internal/grading";
import { attendanceCountColumns } from "./internal/attendance";
import { recomputeCourse } from "./internal/results";
import { schemeFor } from "./internal/schemes";
import { assertCourseAccess } from "./scope";

// A course's assessment scheme (issue 13): read, preview a change, save a new version.
// Saving recomputes every enrolled candidate and re-applies the at-risk rules in the same
// transaction, audited; a locked term keeps the version its results were computed with.

type SchemeAssessmentRow = SchemeAssessment & { kind: string; released: boolean; componentKey: string | null; neverDrop: boolean };

async function courseSchemeAssessments(tx: DbOrTx, courseId: number): Promise<SchemeAssessmentRow[]> {
  return tx
    .select({
      id: assessments.id,
      name: assessments.name,
      kind: assessments.kind,
      maxScore: assessments.maxScore,
      weight: assessments.weight,
      published: assessments.published,
      released: assessments.released,
      componentKey: assessments.componentKey,
      neverDrop: assessments.neverDrop,
      dueOn: assessments.dueOn,
      position: assessments.position,
    })
    .from(assessments)
    .where(and(eq(assessments.courseId, courseId), eq(assessments.archived, false)))
    .orderBy(asc(assessments.position), asc(assessments.id));
}

async function latestVersion(tx: DbOrTx, courseId: number): Promise<number | null> {
  const [row] = await tx
    .select({ v: max(courseSchemes.version) })
    .from(courseSchemes)
    .where(eq(courseSchemes.courseId, courseId));
  return row?.v ?? null;
}

/** The course's scheme as the editor shows it: the one in effect, the newest saved, the history. */
export async function getCourseScheme(actor: Actor, courseId: number) {
  await assertCourseAccess(actor, courseId, "read");
  const course = await getCourse(actor, courseId);
  const effective = await schemeFor(db, courseId);
  const history = await db
    .select({
      version: courseSchemes.version,
      effectiveFrom: courseSchemes.effectiveFrom,
      presetId: courseSchemes.presetId,
      scheme: courseSchemes.scheme,
      createdAt: courseSchemes.createdAt,
      createdByName: users.fullName,
    })
    .from(courseSchemes)
    .leftJoin(users, eq(users.id, courseSchemes.createdBy))
    .where(eq(courseSchemes.courseId, courseId))
    .orderBy(desc(courseSchemes.version));
  const latest = history[0] ?? null;
  return {
    course: { id: course.id, code: course.code, name: course.name, termName: course.termName, termLocked: course.termLocked },
    /** In effect today (null: the default weighted mean). */
    version: effective.version,
    effectiveFrom: effective.effectiveFrom,
    presetId: effective.presetId,
    scheme: effective.scheme,
    /** The newest saved version, perhaps not in effect yet: what an edit is based on. */
    latestVersion: latest?.version ?? null,
    latest: latest ? { version: latest.version, effectiveFrom: latest.effectiveFrom, scheme: latest.scheme, presetId: latest.presetId } : null,
    assessments: await courseSchemeAssessments(db, courseId),
    history: history.map(({ scheme: _scheme, ...h }) => h),
  };
}

export type CourseScheme = Awaited<ReturnType<typeof getCourseScheme>>;

/** Every enrolled candidate's marks and attendance rate, for computing the course whole. */
async function courseRoster(tx: DbOrTx, courseId: number, assessmentIds: number[]) {
  const roster = await tx
    .select({ id: candidates.id, fullName: candidates.fullName, number: candidates.candidateNumber })
    .from(enrolments)
    .innerJoin(candidates, eq(candidates.id, enrolments.candidateId))
    .where(and(eq(enrolments.courseId, courseId), eq(enrolments.status, "active")))
    .orderBy(asc(candidates.fullName), asc(candidates.id));
  const marksBy = new Map<number, MarkInput[]>();
  if (assessmentIds.length) {
    for (const m of await tx
      .select({ candidateId: marks.candidateId, assessmentId: marks.assessmentId, score: marks.score, status: marks.status })
      .from(marks)
      .where(inArray(marks.assessmentId, assessmentIds))) {
      const l = marksBy.get(m.candidateId);
      if (l) l.push(m);
      else marksBy.set(m.candidateId, [m]);
    }
  }
  const rates = new Map<number, number | null>();
  const counting = await attendancePolicyForCourse(courseId, tx);
  for (const a of await tx
    .select({ candidateId: attendance.candidateId, ...attendanceCountColumns() })
    .from(attendance)
    .innerJoin(attendanceSessions, eq(attendanceSessions.id, attendance.sessionId))
    .where(eq(attendanceSessions.courseId, courseId))
    .groupBy(attendance.candidateId))
    rates.set(a.candidateId, fromCounts(a, counting).rate);
  return roster.map((r) => ({ ...r, marks: marksBy.get(r.id) ?? [], attendanceRate: rates.get(r.id) ?? null }));
}

function checkInput(scheme: Scheme, list: SchemeAssessmentRow[], assignments: SchemeInput["assignments"]) {
  const problems = validateScheme(scheme);
  const ids = new Set(list.map((a) => a.id));
  const keys = new Set(scheme.components.filter((c) => c.source === "assessments").map((c) => c.key));
  for (const a of assignments) {
    if (!ids.has(a.assessmentId)) problems.push("An assignment names an assessment that is not in this course.");
    else if (!keys.has(a.componentKey))
      problems.push(`${list.find((x) => x.id === a.assessmentId)!.name} is assigned to a component that is not in the scheme.`);
  }
  if (problems.length) throw new DomainError(problems[0], { scheme: [...new Set(problems)] });
}

/** The assessments as they would be with the editor's assignments. */
const assigned = (list: SchemeAssessmentRow[], assignments: SchemeInput["assignments"]) => {
  const by = new Map(assignments.map((a) => [a.assessmentId, a]));
  return list.map((a) => {
    const x = by.get(a.id);
    return x ? { ...a, componentKey: x.componentKey, neverDrop: x.neverDrop } : a;
  });
};

export type SchemePreview = {
  candidates: number;
  changed: number;
  /** The largest and the mean absolute change in the shown percentage, in points (of those that changed). */
  maxChange: number | null;
  meanChange: number | null;
  flips: {
    candidateId: number;
    fullName: string;
    number: string;
    fromShown: number | null;
    toShown: number | null;
    from: Outcome | null;
    to: Outcome | null;
  }[];
  rows: {
    candidateId: number;
    fullName: string;
    number: string;
    fromShown: number | null;
    toShown: number | null;
    fromGrade: string | null;
    toGrade: string | null;
  }[];
};

/** What saving would do, computed and not written: whose result changes, by how much, whose outcome flips. */
export async function previewSchemeChange(actor: Actor, input: SchemeInput): Promise<SchemePreview> {
  assertCan(actor, "assessments.manage");
  await assertCourseAccess(actor, input.courseId, "write");
  const course = await getCourse(actor, input.courseId);
  const list = await courseSchemeAssessments(db, input.courseId);
  checkInput(input.scheme, list, input.assignments);
  const current = await schemeFor(db, input.courseId);
  const [bands, thresholds] = await Promise.all([bandsForProgram(course.programId), getThresholds(course.programId)]);
  // Without pass rules a result passes at the program's pass mark (as the at-risk rules read it),
  // so adding rules flips only those whose verdict really changes.
  const outcomeOf = (e: ReturnType<typeof evaluateCourse>): Outcome | null =>
    e.scheme.outcome ?? (e.result.shown === null ? null : e.result.shown >= thresholds.passMark ? "pass" : "fail");
  const next = assigned(list, input.assignments);
  const roster = await courseRoster(
    db,
    input.courseId,
    list.map((a) => a.id),
  );
  const rows: SchemePreview["rows"] = [];
  const flips: SchemePreview["flips"] = [];
  const diffs: number[] = [];
  for (const c of roster) {
    const before = evaluateCourse({ scheme: current.scheme, assessments: list, marks: c.marks, attendanceRate: c.attendanceRate, bands });
    const after = evaluateCourse({ scheme: input.scheme, assessments: next, marks: c.marks, attendanceRate: c.attendanceRate, bands });
    const who = { candidateId: c.id, fullName: c.fullName, number: c.number };
    if (before.result.shown !== after.result.shown || before.grade !== after.grade) {
      rows.push({ ...who, fromShown: before.result.shown, toShown: after.result.shown, fromGrade: before.grade, toGrade: after.grade });
      if (before.result.shown !== null && after.result.shown !== null) diffs.push(Math.abs(after.result.shown - before.result.shown));
    }
    const [from, to] = [outcomeOf(before), outcomeOf(after)];
    if (from !== to) flips.push({ ...who, fromShown: before.result.shown, toShown: after.result.shown, from, to });
  }
  const size = (r: SchemePreview["rows"][number]) => (r.fromShown === null || r.toShown === null ? Infinity : Math.abs(r.toShown - r.fromShown));
  rows.sort((a, b) => size(b) - size(a) || a.fullName.localeCompare(b.fullName));
  const round1 = (x: number) => Math.round(x * 10) / 10;
  return {
    candidates: roster.length,
    changed: rows.length,
    maxChange: diffs.length ? round1(Math.max(...diffs)) : null,
    meanChange: diffs.length ? round1(diffs.reduce((s, x) => s + x, 0) / diffs.length) : null,
    flips,
    rows: rows.slice(0, 50),
  };
}

/**
 * Saves the editor's scheme as the course's next version, with its assessment assignments;
 * recomputes the course and re-applies the at-risk rules in the same transaction. A preset
 * saved on a course with no assessments yet creates the preset's suggested assessments.
 */
export async function saveCourseScheme(actor: Actor, input: SchemeInput, tx?: DbOrTx): Promise<{ version: number; recomputed: number; created: number }> {
  assertCan(actor, "assessments.manage");
  return withTx(tx, async (t) => {
    await assertCourseAccess(actor, input.courseId, "write", t);
    await assertTermOpen(t, input.courseId);
    const latest = await latestVersion(t, input.courseId);
    if (latest !== (input.basedOn ?? null)) {
      throw new ConflictError(
        latest === null
          ? "The scheme was reset while you were editing. Review it and save again."
          : `Someone saved version ${latest} of this scheme while you were editing. Review it and save again.`,
        { latestVersion: latest },
      );
    }
    let list = await courseSchemeAssessments(t, input.courseId);
    let created = 0;
    const preset = input.presetId ? SCHEME_PRESETS.find((p) => p.id === input.presetId) : undefined;
    if (input.presetId && !preset) throw new DomainError("That preset does not exist.", { presetId: ["Unknown preset"] });
    if (preset && !list.length && preset.assessments.length) {
      const rows = await createAssessmentsBulk(
        t,
        actor,
        input.courseId,
        preset.assessments.map((a) => ({ ...a, published: true, released: true, neverDrop: false })),
      );
      created = rows.length;
      list = await courseSchemeAssessments(t, input.courseId);
    }
    checkInput(input.scheme, list, input.assignments);
    const before =
      latest === null
        ? null
        : await t
            .select()
            .from(courseSchemes)
            .where(and(eq(courseSchemes.courseId, input.courseId), eq(courseSchemes.version, latest)));
    const version = (latest ?? 0) + 1;
    const [row] = await t
      .insert(courseSchemes)
      .values({
        courseId: input.courseId,
        version,
        effectiveFrom: input.effectiveFrom,
        scheme: input.scheme,
        presetId: input.presetId,
        createdBy: actor.id || null,
      })
      .returning();
    for (const a of input.assignments) {
      const was = list.find((x) => x.id === a.assessmentId)!;
      if (was.componentKey === a.componentKey && was.neverDrop === a.neverDrop) continue;
      await t
        .update(assessments)
        .set({ componentKey: a.componentKey, neverDrop: a.neverDrop })
        .where(and(eq(assessments.id, a.assessmentId), eq(assessments.courseId, input.courseId)));
    }
    await recordAudit(t, actor, "update-scheme", "course", input.courseId, before?.[0] ?? null, { ...row, assignments: input.assignments });
    const recomputed = await recomputeCourse(t, input.courseId);
    return { version, recomputed, created };
  });
}
