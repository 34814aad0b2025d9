import "server-only";
import { desc, eq, isNull, sql } from "drizzle-orm";
import { db, type DbOrTx } from "@/db/client";
import { gradeBands, gradingScales, programs, thresholds } from "@/db/schema";
import { DEFAULT_BANDS, type GradeBand } from "@/lib/results/grades";
import { DEFAULT_THRESHOLDS, type Thresholds } from "@/lib/alerts/rules";

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
export async function getThresholds(programId: number | null, tx: DbOrTx = db): Promise<Thresholds & { programId: number | null; inherited: boolean }> {
  const rows = await tx
    .select()
    .from(thresholds)
    .where(programId ? sql`${thresholds.programId} = ${programId} or ${thresholds.programId} is null` : isNull(thresholds.programId));
  const own = rows.find((r) => r.programId === programId && programId !== null);
  const base = rows.find((r) => r.programId === null);
  const pick = own ?? base;
  const t: Thresholds = pick
    ? {
        passMark: pick.passMark,
        atRiskMark: pick.atRiskMark,
        minAttendance: pick.minAttendance,
        suddenDropPoints: pick.suddenDropPoints,
        missingCount: pick.missingCount,
      }
    : DEFAULT_THRESHOLDS;
  return { ...t, programId, inherited: !own };
}
