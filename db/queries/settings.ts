import "server-only";
import { eq } from "drizzle-orm";
import { db, withTx, type DbOrTx } from "@/db/client";
import { institutionSettings } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/actor";
import { recordAudit } from "./audit";

export type InstitutionSettings = typeof institutionSettings.$inferSelect;

/** The single settings row, created with defaults on first read. */
export async function getSettings(tx: DbOrTx = db): Promise<InstitutionSettings> {
  const [row] = await tx.select().from(institutionSettings).where(eq(institutionSettings.id, 1));
  if (row) return row;
  const [created] = await tx.insert(institutionSettings).values({ id: 1 }).onConflictDoNothing().returning();
  return created ?? (await tx.select().from(institutionSettings).where(eq(institutionSettings.id, 1)))[0];
}

export type SettingsInput = Partial<Omit<InstitutionSettings, "id" | "createdAt" | "updatedAt">>;

export async function updateSettings(actor: Actor, input: SettingsInput, tx?: DbOrTx) {
  assertCan(actor, "settings.manage");
  const run = async (t: DbOrTx) => {
    const before = await getSettings(t);
    const [after] = await t.update(institutionSettings).set(input).where(eq(institutionSettings.id, 1)).returning();
    await recordAudit(t, actor, "update", "settings", 1, before, after);
    return after;
  };
  return withTx(tx, run);
}
