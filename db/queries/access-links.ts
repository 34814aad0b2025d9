import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { db, type DbOrTx } from "@/db/client";
import { accessLinks, emailMessages, guardians, users } from "@/db/schema";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { assertCan, type Actor } from "@/lib/actor";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { assertCandidateVisible } from "./scope";
import { getSettings } from "./settings";

/** A personal result-page link: 256 random bits, only the hash kept. */
export async function issueAccessLink(tx: DbOrTx, actor: Actor, input: { candidateId: number; guardianId?: number | null; recipient: string }) {
  const token = newToken();
  const days = (await getSettings(tx)).resultLinkDays;
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  const [row] = await tx
    .insert(accessLinks)
    .values({
      candidateId: input.candidateId,
      guardianId: input.guardianId ?? null,
      recipient: input.recipient,
      tokenHash: hashToken(token),
      expiresAt,
      createdBy: actor.id || null,
    })
    .returning({ id: accessLinks.id });
  return { id: row.id, token, expiresAt };
}

/**
 * The candidate a token opens, or nothing. Unknown, expired and revoked tokens are
 * indistinguishable to the caller. A view is counted (first and last opened, times opened)
 * in the same single UPDATE, so opens at the same instant never lose one; `count: false`
 * (a HEAD, a prefetch, a signed-in staff member) resolves the link without recording it.
 */
export async function resolveAccessLink(
  token: string,
  opts: { count?: boolean } = {},
): Promise<{ linkId: number; candidateId: number; expiresAt: Date } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const live = and(eq(accessLinks.tokenHash, hashToken(token)), sql`${accessLinks.revokedAt} is null`, sql`${accessLinks.expiresAt} > ${Date.now()}`);
  const columns = { id: accessLinks.id, candidateId: accessLinks.candidateId, expiresAt: accessLinks.expiresAt };
  const now = new Date();
  const [row] =
    opts.count === false
      ? await db.select(columns).from(accessLinks).where(live)
      : await db
          .update(accessLinks)
          .set({ uses: sql`${accessLinks.uses} + 1`, lastUsedAt: now, firstOpenedAt: sql`coalesce(${accessLinks.firstOpenedAt}, ${now.getTime()})` })
          .where(live)
          .returning(columns);
  return row ? { linkId: row.id, candidateId: row.candidateId, expiresAt: row.expiresAt } : null;
}

export async function listAccessLinks(actor: Actor, candidateId: number) {
  assertCan(actor, "candidates.read");
  await assertCandidateVisible(actor, candidateId);
  return db
    .select({
      id: accessLinks.id,
      recipient: accessLinks.recipient,
      guardianName: guardians.fullName,
      createdAt: accessLinks.createdAt,
      expiresAt: accessLinks.expiresAt,
      revokedAt: accessLinks.revokedAt,
      firstOpenedAt: accessLinks.firstOpenedAt,
      lastUsedAt: accessLinks.lastUsedAt,
      uses: accessLinks.uses,
      resentAt: accessLinks.resentAt,
      // When the email carrying it last left Markbook (a resend is a newer one).
      sentAt: sql<
        number | null
      >`(select max(${emailMessages.sentAt}) from ${emailMessages} where ${emailMessages.accessLinkId} = ${accessLinks.id} and ${emailMessages.status} = 'sent')`.mapWith(
        (v: number | null) => (v === null ? null : new Date(Number(v))),
      ),
      createdBy: users.fullName,
    })
    .from(accessLinks)
    .leftJoin(guardians, eq(guardians.id, accessLinks.guardianId))
    .leftJoin(users, eq(users.id, accessLinks.createdBy))
    .where(eq(accessLinks.candidateId, candidateId))
    .orderBy(desc(accessLinks.id));
}

export async function revokeAccessLink(actor: Actor, id: number) {
  assertCan(actor, "access-links.manage");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(accessLinks).where(eq(accessLinks.id, id));
    if (!before) throw new NotFoundError("Link not found.");
    await assertCandidateVisible(actor, before.candidateId, tx);
    if (before.revokedAt) return before;
    const [after] = await tx
      .update(accessLinks)
      .set({ revokedAt: new Date(), revokedBy: actor.id || null })
      .where(eq(accessLinks.id, id))
      .returning();
    await recordAudit(
      tx,
      actor,
      "revoke",
      "access_link",
      id,
      { revokedAt: null },
      { revokedAt: after.revokedAt?.toISOString(), candidateId: before.candidateId },
    );
    return after;
  });
}

/**
 * Closes every link sent to these guardians, in the caller's transaction: a guardian removed
 * from a candidate, or no longer receiving reports, must lose the result page as well
 * (PRODUCT.md §6). Call it before deleting a guardian: deleting sets access_links.guardian_id
 * to null, and the link could no longer be told apart. Each link revoked is audited.
 */
export async function revokeGuardianLinks(tx: DbOrTx, actor: Actor, guardianIds: number[], reason: "guardian removed" | "reports stopped"): Promise<number[]> {
  const now = new Date();
  const ids: number[] = [];
  for (let i = 0; i < guardianIds.length; i += 500) {
    const part = guardianIds.slice(i, i + 500);
    const revoked = await tx
      .update(accessLinks)
      .set({ revokedAt: now, revokedBy: actor.id || null })
      .where(
        and(
          sql`${accessLinks.guardianId} in (${sql.join(
            part.map((id) => sql`${id}`),
            sql`, `,
          )})`,
          sql`${accessLinks.revokedAt} is null`,
        ),
      )
      .returning({ id: accessLinks.id, candidateId: accessLinks.candidateId, guardianId: accessLinks.guardianId });
    for (const r of revoked) {
      await recordAudit(
        tx,
        actor,
        "revoke",
        "access_link",
        r.id,
        { revokedAt: null },
        { revokedAt: now.toISOString(), candidateId: r.candidateId, guardianId: r.guardianId, reason },
      );
      ids.push(r.id);
    }
  }
  return ids;
}
