import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { thresholds } from "@/db/schema";
import type { Thresholds } from "@/lib/alerts/rules";
import { policyOf, validateEligibility, type EligibilitySettings } from "@/lib/results/eligibility";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { reevaluateAlerts } from "./refresh";

export { getThresholds } from "./internal/grading";

/** Saves the thresholds and the eligibility policy; new rules recompute attendance and re-check alerts in the same transaction. */
export async function saveThresholds(actor: Actor, programId: number | null, t: Thresholds & EligibilitySettings) {
  assertCan(actor, "settings.manage");
  if (t.atRiskMark < t.passMark) throw new DomainError("The at-risk mark cannot be below the pass mark.", { atRiskMark: ["Must be at least the pass mark"] });
  const problems = validateEligibility(policyOf(t).eligibility);
  if (problems.length) throw new DomainError(problems[0], { condonableFrom: problems });
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(thresholds)
      .where(programId ? eq(thresholds.programId, programId) : isNull(thresholds.programId));
    if (before) await tx.update(thresholds).set(t).where(eq(thresholds.id, before.id));
    else await tx.insert(thresholds).values({ programId, ...t });
    await recordAudit(tx, actor, "update", "thresholds", programId ?? "default", before ?? null, { programId, ...t });
    // New thresholds can raise or resolve alerts, and a new way of counting on-duty or medical
    // days changes attendance rates: apply them now, in the same transaction.
    await reevaluateAlerts(tx, programId);
  });
}

export async function clearProgramThresholds(actor: Actor, programId: number) {
  assertCan(actor, "settings.manage");
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(thresholds).where(eq(thresholds.programId, programId));
    if (!before) return;
    await tx.delete(thresholds).where(and(eq(thresholds.id, before.id)));
    await recordAudit(tx, actor, "delete", "thresholds", programId, before, null);
    await reevaluateAlerts(tx, programId);
  });
}
