import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { gradeBands, gradingScales } from "@/db/schema";
import { validateBands, type GradeBand } from "@/lib/results/grades";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";

export { bandsForProgram, getDefaultScale } from "./internal/grading";

export async function listScales() {
  const scales = await db.select().from(gradingScales).orderBy(desc(gradingScales.isDefault), asc(gradingScales.name));
  const bands = await db.select().from(gradeBands).orderBy(desc(gradeBands.minPercent));
  return scales.map((s) => ({ ...s, bands: bands.filter((b) => b.scaleId === s.id) }));
}

export async function saveScale(actor: Actor, input: { id?: number; name: string; bands: GradeBand[]; isDefault?: boolean }) {
  assertCan(actor, "settings.manage");
  const problems = validateBands(input.bands);
  if (problems.length) throw new DomainError(problems[0], { bands: problems });
  return db.transaction(async (tx) => {
    let scaleId = input.id;
    let before: unknown = null;
    if (scaleId) {
      const [s] = await tx.select().from(gradingScales).where(eq(gradingScales.id, scaleId));
      if (!s) throw new NotFoundError("Grading scale not found.");
      before = { ...s, bands: await tx.select().from(gradeBands).where(eq(gradeBands.scaleId, scaleId)) };
      await tx.update(gradingScales).set({ name: input.name.trim() }).where(eq(gradingScales.id, scaleId));
      await tx.delete(gradeBands).where(eq(gradeBands.scaleId, scaleId));
    } else {
      const [s] = await tx.insert(gradingScales).values({ name: input.name.trim(), isDefault: !!input.isDefault }).returning();
      scaleId = s.id;
    }
    await tx
      .insert(gradeBands)
      .values(input.bands.map((b) => ({ scaleId: scaleId!, minPercent: b.minPercent, letter: b.letter.trim(), gradePoints: b.gradePoints ?? null })));
    await recordAudit(tx, actor, input.id ? "update" : "create", "grading_scale", scaleId, before as object | null, { name: input.name, bands: input.bands });
    return scaleId;
  });
}
