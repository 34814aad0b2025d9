import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { percentConversions, programs } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/actor";
import { NotFoundError } from "@/lib/errors";
import type { PercentConversionFields } from "@/lib/forms/percent-conversion";
import { recordAudit } from "./audit";
import { DEFAULT_CONVERSION_KEY } from "@/lib/results/gpa";

/** The conversions a program may print, presets first, with how many programs use each. */
export async function listPercentConversions(actor: Actor) {
  assertCan(actor, "academics.manage");
  return db
    .select({
      id: percentConversions.id,
      key: percentConversions.key,
      name: percentConversions.name,
      formula: percentConversions.formula,
      factor: percentConversions.factor,
      offset: percentConversions.offset,
      // A program without a choice prints the default preset: counted there.
      programs: sql<number>`(select count(*) from ${programs} where ${programs.percentConversionId} = ${percentConversions.id}
        or (${programs.percentConversionId} is null and ${percentConversions.key} = ${DEFAULT_CONVERSION_KEY}))`,
    })
    .from(percentConversions)
    .orderBy(asc(percentConversions.id));
}

export type PercentConversionRow = Awaited<ReturnType<typeof listPercentConversions>>[number];

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40) || "conversion";

/**
 * Adds a conversion or edits one (a preset too: universities differ). Its key stays what it
 * was, so a preset edited is still that preset. Every program printing it prints the change.
 */
export async function savePercentConversion(actor: Actor, input: PercentConversionFields) {
  assertCan(actor, "academics.manage");
  const values = { name: input.name.trim(), formula: input.formula, factor: input.factor, offset: input.offset };
  return db.transaction(async (tx) => {
    if (input.id) {
      const [before] = await tx.select().from(percentConversions).where(eq(percentConversions.id, input.id));
      if (!before) throw new NotFoundError("Conversion not found.");
      const [after] = await tx.update(percentConversions).set(values).where(eq(percentConversions.id, input.id)).returning();
      await recordAudit(tx, actor, "update", "percent_conversion", after.id, before, after);
      return after;
    }
    const base = `custom-${slug(values.name)}`;
    const taken = new Set((await tx.select({ key: percentConversions.key }).from(percentConversions)).map((r) => r.key));
    let key = base;
    for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
    const [row] = await tx
      .insert(percentConversions)
      .values({ key, ...values })
      .returning();
    await recordAudit(tx, actor, "create", "percent_conversion", row.id, null, row);
    return row;
  });
}
