import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { gradeBands, gradingScales, programs } from "@/db/schema";
import { bandFieldErrors, validateBands, type GradeBand } from "@/lib/results/grades";
import { scalePreset, type ScalePresetId } from "@/lib/results/scale-presets";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";

export { bandsForProgram, getDefaultScale } from "./internal/grading";

/** Every scale with its bands (highest first) and the programs that grade on it. */
export async function listScales() {
  const [scales, bands, users] = await Promise.all([
    db.select().from(gradingScales).orderBy(desc(gradingScales.isDefault), asc(gradingScales.name), asc(gradingScales.id)),
    db.select().from(gradeBands).orderBy(desc(gradeBands.minPercent)),
    db.select({ id: programs.id, code: programs.code, scaleId: programs.gradingScaleId }).from(programs).orderBy(asc(programs.code)),
  ]);
  return scales.map((s) => ({
    ...s,
    bands: bands.filter((b) => b.scaleId === s.id),
    programs: users.filter((p) => p.scaleId === s.id).map((p) => ({ id: p.id, code: p.code })),
  }));
}

export type ScaleListRow = Awaited<ReturnType<typeof listScales>>[number];

/** A new scale with a preset's bands (Standard, UGC 10-point, CBSE-style), to be edited like any other. */
export async function createScaleFromPreset(actor: Actor, input: { preset: ScalePresetId; name: string }) {
  const preset = scalePreset(input.preset);
  return saveScale(actor, { name: input.name, bands: preset.bands.map((b) => ({ ...b })) });
}

export async function saveScale(actor: Actor, input: { id?: number; name: string; bands: GradeBand[]; isDefault?: boolean }) {
  assertCan(actor, "settings.manage");
  const problems = validateBands(input.bands);
  // Each problem beside its band's field; one about the whole scale above the bands.
  if (problems.length) throw new DomainError(problems[0], bandFieldErrors(input.bands));
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
