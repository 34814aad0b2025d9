import "server-only";
import { asc, count, eq, sql } from "drizzle-orm";
import { db, withTx, type DbOrTx } from "@/db/client";
import { candidates, courses, percentConversions, programs } from "@/db/schema";
import type { GradeCardVariant } from "@/lib/constants";
import type { RoundingMethod } from "@/lib/results/round";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";

export type ProgramInput = {
  code: string;
  name: string;
  durationMonths?: number | null;
  gradingScaleId?: number | null;
  /** The GPA policy; left out, a new program gets the defaults and an edited one keeps its own. */
  gpaPlaces?: number;
  gpaRounding?: RoundingMethod;
  percentConversionId?: number | null;
  gradeCard?: GradeCardVariant;
};

/** The policy columns an input sets (undefined ones are left as they are). */
async function policyOf(t: DbOrTx, input: ProgramInput) {
  if (input.gpaPlaces !== undefined && !(Number.isInteger(input.gpaPlaces) && input.gpaPlaces >= 0 && input.gpaPlaces <= 4))
    throw new DomainError("Check the GPA policy.", { gpaPlaces: ["A whole number of places, 0 to 4"] });
  if (input.percentConversionId) {
    const [found] = await t.select({ id: percentConversions.id }).from(percentConversions).where(eq(percentConversions.id, input.percentConversionId));
    if (!found) throw new DomainError("Check the GPA policy.", { percentConversionId: ["Choose one of the conversions listed"] });
  }
  return {
    ...(input.gpaPlaces !== undefined ? { gpaPlaces: input.gpaPlaces } : {}),
    ...(input.gpaRounding !== undefined ? { gpaRounding: input.gpaRounding } : {}),
    ...(input.percentConversionId !== undefined ? { percentConversionId: input.percentConversionId } : {}),
    ...(input.gradeCard !== undefined ? { gradeCard: input.gradeCard } : {}),
  };
}

export async function listPrograms() {
  return db
    .select({
      id: programs.id,
      code: programs.code,
      name: programs.name,
      durationMonths: programs.durationMonths,
      gradingScaleId: programs.gradingScaleId,
      gpaPlaces: programs.gpaPlaces,
      gpaRounding: programs.gpaRounding,
      percentConversionId: programs.percentConversionId,
      gradeCard: programs.gradeCard,
      candidates: sql<number>`(select count(*) from ${candidates} where ${candidates.programId} = ${programs.id})`,
      courses: sql<number>`(select count(*) from ${courses} where ${courses.programId} = ${programs.id})`,
    })
    .from(programs)
    .orderBy(asc(programs.code));
}

export async function createProgram(actor: Actor, input: ProgramInput, tx?: DbOrTx) {
  assertCan(actor, "academics.manage");
  const run = async (t: DbOrTx) => {
    const [row] = await t
      .insert(programs)
      .values({
        code: input.code.trim(),
        name: input.name.trim(),
        durationMonths: input.durationMonths ?? null,
        gradingScaleId: input.gradingScaleId ?? null,
        ...(await policyOf(t, input)),
      })
      .returning();
    await recordAudit(t, actor, "create", "program", row.id, null, row);
    return row;
  };
  return withTx(tx, run);
}

export async function updateProgram(actor: Actor, id: number, input: ProgramInput) {
  assertCan(actor, "academics.manage");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(programs).where(eq(programs.id, id));
    if (!before) throw new NotFoundError("Program not found.");
    const [after] = await tx
      .update(programs)
      .set({
        code: input.code.trim(),
        name: input.name.trim(),
        durationMonths: input.durationMonths ?? null,
        gradingScaleId: input.gradingScaleId ?? null,
        ...(await policyOf(tx, input)),
      })
      .where(eq(programs.id, id))
      .returning();
    await recordAudit(tx, actor, "update", "program", id, before, after);
    return after;
  });
}

export async function deleteProgram(actor: Actor, id: number) {
  assertCan(actor, "academics.manage");
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(programs).where(eq(programs.id, id));
    if (!before) throw new NotFoundError("Program not found.");
    const [{ n: nCourses }] = await tx.select({ n: count() }).from(courses).where(eq(courses.programId, id));
    const [{ n: nCandidates }] = await tx.select({ n: count() }).from(candidates).where(eq(candidates.programId, id));
    if (nCourses || nCandidates) {
      throw new DomainError(`${before.code} still has ${nCourses} course(s) and ${nCandidates} candidate(s). Move or remove them first.`);
    }
    await tx.delete(programs).where(eq(programs.id, id));
    await recordAudit(tx, actor, "delete", "program", id, before, null);
  });
}
