import "server-only";
import { desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, type DbOrTx } from "@/db/client";
import { courses, gradeBands, gradingScales, percentConversions, programs, thresholds } from "@/db/schema";
import type { GradeCardVariant } from "@/lib/constants";
import { DEFAULT_CONVERSION_KEY, DEFAULT_GPA_POLICY, PERCENT_CONVERSIONS, type GpaPolicy, type PercentConversion } from "@/lib/results/gpa";
import { DEFAULT_BANDS, type GradeBand } from "@/lib/results/grades";
import { DEFAULT_THRESHOLDS, type Thresholds } from "@/lib/alerts/rules";
import type { AttendancePolicy } from "@/lib/results/attendance";
import { DEFAULT_ELIGIBILITY_SETTINGS, policyOf, type EligibilitySettings, type ProgramPolicy } from "@/lib/results/eligibility";

// What grading a course reads: its grade bands and its at-risk thresholds. Here, below both
// the results engine (../refresh) and the screens' grading-scales.ts / thresholds.ts, so that
// the engine can read them and the threshold writers can call the engine without a loop.

/** The default scale's bands (the institution's), created with the standard bands if missing. */
export async function getDefaultScale(tx: DbOrTx = db): Promise<{ id: number; name: string; bands: GradeBand[] }> {
  let [scale] = await tx.select().from(gradingScales).where(eq(gradingScales.isDefault, true));
  if (!scale) {
    [scale] = await tx.insert(gradingScales).values({ name: "Standard", isDefault: true }).returning();
    await tx.insert(gradeBands).values(DEFAULT_BANDS.map((b) => ({ scaleId: scale.id, ...b })));
  }
  const bands = await tx
    .select({ minPercent: gradeBands.minPercent, letter: gradeBands.letter, gradePoints: gradeBands.gradePoints })
    .from(gradeBands)
    .where(eq(gradeBands.scaleId, scale.id))
    .orderBy(desc(gradeBands.minPercent));
  return { id: scale.id, name: scale.name, bands };
}

/** The bands that grade a course: its program's scale, else the institution's default. */
export async function bandsForProgram(programId: number | null, tx: DbOrTx = db): Promise<GradeBand[]> {
  if (programId) {
    const rows = await tx
      .select({ minPercent: gradeBands.minPercent, letter: gradeBands.letter, gradePoints: gradeBands.gradePoints })
      .from(programs)
      .innerJoin(gradeBands, eq(gradeBands.scaleId, programs.gradingScaleId))
      .where(eq(programs.id, programId));
    if (rows.length) return rows;
  }
  return (await getDefaultScale(tx)).bands;
}

/** The thresholds a program's candidates are judged by: its own, else the institution's, else the defaults. */
export async function getThresholds(
  programId: number | null,
  tx: DbOrTx = db,
): Promise<Thresholds & EligibilitySettings & { programId: number | null; inherited: boolean }> {
  const rows = await tx
    .select()
    .from(thresholds)
    .where(programId ? sql`${thresholds.programId} = ${programId} or ${thresholds.programId} is null` : isNull(thresholds.programId));
  const own = rows.find((r) => r.programId === programId && programId !== null);
  const base = rows.find((r) => r.programId === null);
  const pick = own ?? base;
  const t: Thresholds & EligibilitySettings = pick
    ? {
        passMark: pick.passMark,
        atRiskMark: pick.atRiskMark,
        minAttendance: pick.minAttendance,
        suddenDropPoints: pick.suddenDropPoints,
        missingCount: pick.missingCount,
        condonableFrom: pick.condonableFrom,
        maxCondonations: pick.maxCondonations,
        onDutyCounts: pick.onDutyCounts,
        medicalCounts: pick.medicalCounts,
      }
    : { ...DEFAULT_THRESHOLDS, ...DEFAULT_ELIGIBILITY_SETTINGS };
  return { ...t, programId, inherited: !own };
}

/** How a program's candidates' SGPA and CGPA are rounded and converted, and which grade card it prints. */
export type ProgramGpaPolicy = {
  programId: number | null;
  policy: GpaPolicy;
  conversion: PercentConversion & { dbId: number | null };
  gradeCard: GradeCardVariant;
};

/**
 * Fills `cache` with the GPA policy of each program named (null: a candidate without a
 * program, who gets the defaults). One read for the programs and one for the default conversion.
 */
export async function loadPolicies(tx: DbOrTx, programIds: (number | null)[], cache: Map<number | null, ProgramGpaPolicy>): Promise<void> {
  const missing = programIds.filter((id): id is number => id !== null && !cache.has(id));
  if (!cache.has(null) || missing.length) {
    const [fallback] = await tx.select().from(percentConversions).where(eq(percentConversions.key, DEFAULT_CONVERSION_KEY));
    const preset = PERCENT_CONVERSIONS.find((c) => c.id === DEFAULT_CONVERSION_KEY)!;
    const defaultConversion = fallback ? asConversion(fallback) : { ...preset, dbId: null };
    if (!cache.has(null)) cache.set(null, { programId: null, policy: DEFAULT_GPA_POLICY, conversion: defaultConversion, gradeCard: "college" });
    for (let i = 0; i < missing.length; i += 500) {
      const rows = await tx
        .select({ program: programs, conversion: percentConversions })
        .from(programs)
        .leftJoin(percentConversions, eq(percentConversions.id, programs.percentConversionId))
        .where(inArray(programs.id, missing.slice(i, i + 500)));
      for (const r of rows)
        cache.set(r.program.id, {
          programId: r.program.id,
          policy: { places: r.program.gpaPlaces, method: r.program.gpaRounding },
          conversion: r.conversion ? asConversion(r.conversion) : defaultConversion,
          gradeCard: r.program.gradeCard,
        });
    }
  }
}

function asConversion(r: typeof percentConversions.$inferSelect): ProgramGpaPolicy["conversion"] {
  return { id: r.key, dbId: r.id, name: r.name, formula: r.formula, factor: r.factor, offset: r.offset };
}

/** Every program's eligibility and attendance-counting policy at once (the detention list spans programs). */
export async function policiesByProgram(tx: DbOrTx = db): Promise<{ of: (programId: number) => ProgramPolicy; maxMinimum: number }> {
  const rows = await tx.select().from(thresholds);
  const settingsOf = (r: (typeof rows)[number] | undefined): EligibilitySettings =>
    r
      ? {
          minAttendance: r.minAttendance,
          condonableFrom: r.condonableFrom,
          maxCondonations: r.maxCondonations,
          onDutyCounts: r.onDutyCounts,
          medicalCounts: r.medicalCounts,
        }
      : DEFAULT_ELIGIBILITY_SETTINGS;
  const base = policyOf(settingsOf(rows.find((r) => r.programId === null)));
  const own = new Map(rows.filter((r) => r.programId !== null).map((r) => [r.programId!, policyOf(settingsOf(r))]));
  const maxMinimum = Math.max(base.eligibility.minimum, ...[...own.values()].map((p) => p.eligibility.minimum));
  return { of: (programId) => own.get(programId) ?? base, maxMinimum };
}

/** How a course's attendance is counted: its program's policy (on-duty and medical days). */
export async function attendancePolicyForCourse(courseId: number, tx: DbOrTx = db): Promise<AttendancePolicy> {
  const [course] = await tx.select({ programId: courses.programId }).from(courses).where(eq(courses.id, courseId));
  return policyOf(await getThresholds(course?.programId ?? null, tx)).attendance;
}
