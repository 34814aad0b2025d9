import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { alerts, assessments, auditEvents, courseResults, courseSchemes, marks } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { createAssessment } from "@/db/queries/assessments";
import { saveMark } from "@/db/queries/marks";
import { loadCandidateResults } from "@/db/queries/internal/results";
import { getCourseScheme, previewSchemeChange, saveCourseScheme } from "@/db/queries/schemes";
import { setTermLocked } from "@/db/queries/terms";
import { computeSchemeResult, DEFAULT_SCHEME, type Scheme } from "@/lib/results/scheme";
import { schemeInputSchema } from "@/lib/forms/scheme";
import { ConflictError, DomainError, ForbiddenError } from "@/lib/errors";
import { makeCourse } from "../support/academy";
import { makeUser } from "../support/factories";

// Internal 40 (three tests out of 20, best two summed → 40), external 60, pass rules 16 / 24 / 40.
const scheme: Scheme = {
  components: [
    { key: "tests", name: "Internal tests", part: "internal", source: "assessments", aggregation: "sum", best: 2, dropLowest: 0, dropHighest: 0, max: 40 },
    { key: "exam", name: "End-semester exam", part: "external", source: "assessments", aggregation: "sum", best: null, dropLowest: 0, dropHighest: 0, max: 60 },
  ],
  rounding: { at: "component", method: "half-up", places: 0 },
  pass: { internalMin: 16, externalMin: 24, totalMin: 40 },
};

async function setUp() {
  const made = await makeCourse({ candidates: 2 });
  const mk = (name: string, maxScore: number) => createAssessment(SYSTEM, made.course.id, { name, kind: "test", maxScore, weight: 1, published: true });
  const t1 = await mk("Test 1", 20);
  const t2 = await mk("Test 2", 20);
  const t3 = await mk("Test 3", 20);
  const exam = await mk("End-semester exam", 100);
  const [a, b] = made.candidates.map((c) => c.id);
  const put = (assessmentId: number, candidateId: number, score: number | null, status: "graded" | "absent" = "graded") =>
    saveMark(made.teacher, { assessmentId, candidateId, score, status, expectedVersion: null });
  // a: tests 10, 16, 14; exam 50 → internal (16+14)/40×40 = 30, external 30 → Pass.
  await put(t1.id, a, 10);
  await put(t2.id, a, 16);
  await put(t3.id, a, 14);
  await put(exam.id, a, 50);
  // b: tests 4, 6, 5; exam 90 → internal 11 (below 16) → Fail; weighted mean today passes.
  await put(t1.id, b, 4);
  await put(t2.id, b, 6);
  await put(t3.id, b, 5);
  await put(exam.id, b, 90);
  const assignments = [
    { assessmentId: t1.id, componentKey: "tests", neverDrop: false },
    { assessmentId: t2.id, componentKey: "tests", neverDrop: false },
    { assessmentId: t3.id, componentKey: "tests", neverDrop: false },
    { assessmentId: exam.id, componentKey: "exam", neverDrop: false },
  ];
  const input = { courseId: made.course.id, scheme, effectiveFrom: "2026-01-01", presetId: null, assignments, basedOn: null };
  return { ...made, a, b, t1, t2, t3, exam, input };
}

const stored = async (candidateId: number, courseId: number) =>
  (
    await db
      .select()
      .from(courseResults)
      .where(and(eq(courseResults.candidateId, candidateId), eq(courseResults.courseId, courseId)))
  )[0];

describe("assessment schemes", () => {
  it("a course without a scheme keeps the weighted mean, and says so", async () => {
    const { teacher, course, a } = await setUp();
    const s = await getCourseScheme(teacher, course.id);
    expect(s.version).toBeNull();
    expect(s.scheme).toEqual(DEFAULT_SCHEME);
    // Weighted mean with weight 1 each: (0.5 + 0.8 + 0.7 + 0.5) / 4 = 62.5.
    expect(await stored(a, course.id)).toMatchObject({ shown: 62.5, outcome: null, schemeVersion: null });
  });

  it("previews a change without writing: who changes, by how much, whose outcome flips", async () => {
    const { teacher, course, a, b, input } = await setUp();
    const before = await db.select().from(courseResults).where(eq(courseResults.courseId, course.id));
    const p = await previewSchemeChange(teacher, input);
    expect(p.candidates).toBe(2);
    expect(p.changed).toBe(2);
    expect(p.rows.map((r) => r.candidateId).sort()).toEqual([a, b].sort());
    // b: weighted (0.2+0.3+0.25+0.9)/4 = 41.25 → 41.3; scheme 11 + 54 = 65 of 100.
    const rowB = p.rows.find((r) => r.candidateId === b)!;
    expect(rowB).toMatchObject({ fromShown: 41.3, toShown: 65 });
    // b passed at the pass mark (41.3 ≥ 40) and fails the internal minimum; a passes either way.
    expect(p.flips).toEqual([expect.objectContaining({ candidateId: b, from: "pass", to: "fail", fromShown: 41.3, toShown: 65 })]);
    expect(p.maxChange).toBe(23.7);
    expect(await db.select().from(courseResults).where(eq(courseResults.courseId, course.id))).toEqual(before);
    expect(await db.select().from(courseSchemes).where(eq(courseSchemes.courseId, course.id))).toEqual([]);
  });

  it("saving recomputes, re-applies the rules and audits in one step; the stored figures equal lib/results", async () => {
    const { teacher, course, a, b, t1, t2, t3, exam, input } = await setUp();
    const saved = await saveCourseScheme(teacher, input);
    expect(saved).toMatchObject({ version: 1, recomputed: 2 });
    const expected = computeSchemeResult(scheme, [t1, t2, t3].map((t) => ({ ...t, componentKey: "tests" })).concat([{ ...exam, componentKey: "exam" }]), [
      { assessmentId: t1.id, score: 10, status: "graded" },
      { assessmentId: t2.id, score: 16, status: "graded" },
      { assessmentId: t3.id, score: 14, status: "graded" },
      { assessmentId: exam.id, score: 50, status: "graded" },
    ]);
    expect(expected).toMatchObject({ total: 60, outcome: "pass" });
    expect(await stored(a, course.id)).toMatchObject({ total: 60, internal: 30, external: 30, shown: 60, outcome: "pass", schemeVersion: 1 });
    expect(await stored(b, course.id)).toMatchObject({ internal: 11, external: 54, outcome: "fail", schemeVersion: 1 });
    const open = await db
      .select()
      .from(alerts)
      .where(and(eq(alerts.candidateId, b), eq(alerts.courseId, course.id)));
    expect(open.find((x) => x.rule === "failing" && x.resolvedAt === null)?.message).toContain("internal 11 below the minimum 16");
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "update-scheme"), eq(auditEvents.entityId, String(course.id))));
    expect(events).toHaveLength(1);
    const rows = await db.select().from(assessments).where(eq(assessments.courseId, course.id));
    expect(rows.find((r) => r.id === exam.id)?.componentKey).toBe("exam");
    // The candidate page computes the same as what was stored.
    const live = await loadCandidateResults(db, b);
    const c = live.courses.find((x) => x.courseId === course.id)!;
    expect(c.schemeVersion).toBe(1);
    expect(c.schemeResult).toMatchObject({ total: 65, outcome: "fail" });
    expect(c.schemeResult.reasons).toEqual(["internal 11 below the minimum 16"]);
  });

  it("refuses a stale tab: the version saved meanwhile wins and nothing is overwritten", async () => {
    const { teacher, course, input } = await setUp();
    await saveCourseScheme(teacher, input);
    await expect(saveCourseScheme(teacher, { ...input, basedOn: null })).rejects.toBeInstanceOf(ConflictError);
    expect((await db.select().from(courseSchemes).where(eq(courseSchemes.courseId, course.id))).map((r) => r.version)).toEqual([1]);
    expect(await saveCourseScheme(teacher, { ...input, basedOn: 1 })).toMatchObject({ version: 2 });
  });

  it("refuses a scheme that does not add up, or an assignment to a component that is not there, and changes nothing", async () => {
    const { teacher, course, input, t1 } = await setUp();
    const bad = { ...input, scheme: { ...scheme, pass: { ...scheme.pass, internalMin: 50 } } };
    await expect(saveCourseScheme(teacher, bad)).rejects.toThrow("The internal minimum must be between 0 and 40.");
    await expect(previewSchemeChange(teacher, bad)).rejects.toBeInstanceOf(DomainError);
    const wrongKey = { ...input, assignments: [{ assessmentId: t1.id, componentKey: "nope", neverDrop: false }] };
    await expect(saveCourseScheme(teacher, wrongKey)).rejects.toThrow("assigned to a component that is not in the scheme");
    const other = await makeCourse({ candidates: 1 });
    const foreign = await createAssessment(SYSTEM, other.course.id, { name: "Elsewhere", kind: "test", maxScore: 10, weight: 1, published: true });
    await expect(saveCourseScheme(teacher, { ...input, assignments: [{ assessmentId: foreign.id, componentKey: "tests", neverDrop: false }] })).rejects.toThrow(
      "not in this course",
    );
    expect(await db.select().from(courseSchemes).where(eq(courseSchemes.courseId, course.id))).toEqual([]);
    // The form schema refuses a malformed scheme before it reaches the query.
    expect(schemeInputSchema.safeParse({ ...input, scheme: "{not json" }).success).toBe(false);
    expect(schemeInputSchema.safeParse({ ...input, scheme: JSON.stringify(scheme), assignments: JSON.stringify(input.assignments) }).success).toBe(true);
  });

  it("is the course's teachers' and admins' to change: another faculty member is refused; a locked term is refused", async () => {
    const { course, input, term } = await setUp();
    const stranger = await makeUser("faculty");
    await expect(getCourseScheme(stranger, course.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(previewSchemeChange(stranger, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveCourseScheme(stranger, input)).rejects.toBeInstanceOf(ForbiddenError);
    const counsellor = await makeUser("counsellor");
    await expect(saveCourseScheme(counsellor, input)).rejects.toBeInstanceOf(ForbiddenError);
    const admin = await makeUser("admin");
    await setTermLocked(admin, term.id, true, "Results declared");
    await expect(saveCourseScheme(admin, input)).rejects.toThrow("is locked");
    expect(await db.select().from(courseSchemes).where(eq(courseSchemes.courseId, course.id))).toEqual([]);
  });

  it("a version dated in the future is saved but the course keeps computing with the one in effect", async () => {
    const { teacher, course, a, input } = await setUp();
    await saveCourseScheme(teacher, { ...input, effectiveFrom: "2999-01-01" });
    const s = await getCourseScheme(teacher, course.id);
    expect(s).toMatchObject({ version: null, latestVersion: 1 });
    expect(await stored(a, course.id)).toMatchObject({ shown: 62.5, schemeVersion: null });
  });

  it("a term that has ended keeps the version in effect on its last day, whatever is dated later", async () => {
    // makeCourse's term runs 2026-01-05 to 2026-05-30.
    const { teacher, course, a, input } = await setUp();
    await saveCourseScheme(teacher, { ...input, effectiveFrom: "2026-06-15" });
    expect(await getCourseScheme(teacher, course.id)).toMatchObject({ version: null, latestVersion: 1 });
    expect(await stored(a, course.id)).toMatchObject({ shown: 62.5, schemeVersion: null });
    await saveCourseScheme(teacher, { ...input, effectiveFrom: "2026-05-30", basedOn: 1 });
    expect(await stored(a, course.id)).toMatchObject({ shown: 60, schemeVersion: 2 });
  });

  it("the term's and the overall percentage take a scheme course's reported figure, not the unrounded one", async () => {
    const { teacher, course, a, exam, input } = await setUp();
    await saveCourseScheme(teacher, input);
    // Exam 51 / 100 → 30.6 of 60 → 31 (whole marks): total 61 of 100, though the exact sum is 60.6.
    const [current] = await db
      .select()
      .from(marks)
      .where(and(eq(marks.assessmentId, exam.id), eq(marks.candidateId, a)));
    await saveMark(teacher, { assessmentId: exam.id, candidateId: a, score: 51, status: "graded", expectedVersion: current.version });
    const r = await loadCandidateResults(db, a);
    const c = r.courses.find((x) => x.courseId === course.id)!;
    expect(c.result.shown).toBe(61);
    expect(c.result.percent).toBeCloseTo(60.6, 9);
    expect(r.overall.shown).toBe(61);
    expect(r.terms[0].overall.shown).toBe(61);
  });

  it("parents' figures come from released marks only; staff see everything", async () => {
    const { teacher, course, b, exam, input } = await setUp();
    await saveCourseScheme(teacher, input);
    const { updateAssessment } = await import("@/db/queries/assessments");
    await updateAssessment(teacher, exam.id, { name: exam.name, kind: "test", maxScore: 100, weight: 1, published: true, released: false });
    const staff = (await loadCandidateResults(db, b)).courses.find((c) => c.courseId === course.id)!;
    const parents = (await loadCandidateResults(db, b, { audience: "parents" })).courses.find((c) => c.courseId === course.id)!;
    expect(staff.assessments.map((x) => x.name)).toContain("End-semester exam");
    expect(staff.held).toBe(0);
    expect(parents.assessments.map((x) => x.name)).not.toContain("End-semester exam");
    expect(parents.held).toBe(1);
    expect(parents.schemeResult.external.value).toBeNull();
    expect(staff.schemeResult.external.value).toBe(54);
  });
});
