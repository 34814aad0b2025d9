import "server-only";
import { asc, count, eq, sql } from "drizzle-orm";
import { db, withTx, type DbOrTx } from "@/db/client";
import { candidates, courses, programs } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";

export type ProgramInput = { code: string; name: string; durationMonths?: number | null; gradingScaleId?: number | null };

export async function listPrograms() {
  return db
    .select({
      id: programs.id,
      code: programs.code,
      name: programs.name,
      durationMonths: programs.durationMonths,
      gradingScaleId: programs.gradingScaleId,
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
      .values({ code: input.code.trim(), name: input.name.trim(), durationMonths: input.durationMonths ?? null, gradingScaleId: input.gradingScaleId ?? null })
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
      .set({ code: input.code.trim(), name: input.name.trim(), durationMonths: input.durationMonths ?? null, gradingScaleId: input.gradingScaleId ?? null })
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
