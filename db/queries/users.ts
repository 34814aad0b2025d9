import "server-only";
import { and, asc, count, desc, eq, getTableColumns, gt, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { db, type DbOrTx } from "@/db/client";
import { users, userTokens } from "@/db/schema";
import type { Role } from "@/lib/constants";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { unknownTokenHash } from "@/lib/email/personal-link";
import { likePattern, sortKey, type ListParams, type Page } from "@/lib/list";
import { USER_SORTS, type UserSort } from "@/lib/filters/users";
import { assertCan, SYSTEM, type Actor } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";

export type User = typeof users.$inferSelect;
export type PublicUser = Omit<User, "passwordHash">;

const INVITE_DAYS = 7;
const RESET_HOURS = 24;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function publicColumns() {
  const { passwordHash: _omit, ...rest } = getTableColumns(users);
  return rest;
}

export async function hasAdmin(tx: DbOrTx = db): Promise<boolean> {
  const [row] = await tx.select({ n: count() }).from(users).where(eq(users.role, "admin"));
  return row.n > 0;
}

export async function findUserByEmail(email: string): Promise<User | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${normaliseEmail(email)}`);
  return row;
}

/** The user behind a session, re-read on every request: inactive or outdated sessions get nothing. */
export async function findSessionUser(id: number, sessionVersion: number): Promise<Actor | null> {
  const [row] = await db
    .select({ id: users.id, role: users.role, fullName: users.fullName, email: users.email, active: users.active, sv: users.sessionVersion })
    .from(users)
    .where(eq(users.id, id));
  if (!row || !row.active || row.sv !== sessionVersion) return null;
  return { id: row.id, role: row.role, fullName: row.fullName, email: row.email };
}

export async function recordSignIn(userId: number): Promise<void> {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, userId));
}

/**
 * Signing out ends the session on the server, not only in this browser: the version every
 * cookie of the user carries moves on, so a copied cookie stops working too (and so do the
 * user's sessions on other devices).
 */
export async function endSessions(actor: Actor): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, actor.id));
}

/** First run only: creates the first admin while none exists. */
export async function createFirstAdmin(input: { fullName: string; email: string; password: string }): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (await hasAdmin(tx)) throw new DomainError("Markbook is already set up. Sign in instead.");
    await assertEmailFree(tx, input.email);
    const [user] = await tx
      .insert(users)
      .values({ fullName: input.fullName.trim(), email: normaliseEmail(input.email), passwordHash, role: "admin", passwordChangedAt: new Date() })
      .returning(publicColumns());
    await recordAudit(tx, { ...SYSTEM, fullName: "First-run setup" }, "create", "user", user.id, null, user);
    return user;
  });
}

async function assertEmailFree(tx: DbOrTx, email: string, exceptId?: number) {
  const where = [sql`lower(${users.email}) = ${normaliseEmail(email)}`];
  if (exceptId) where.push(ne(users.id, exceptId));
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(...where));
  if (row) throw new DomainError("A user with this email already exists.", { email: ["A user with this email already exists"] });
}

export type UserListFilters = { role?: Role; active?: boolean };
const SORTS = {
  name: users.fullName,
  email: users.email,
  role: users.role,
  active: users.active,
  lastSignIn: users.lastSignInAt,
  created: users.createdAt,
} satisfies Record<UserSort, AnySQLiteColumn>;

export async function listUsers(actor: Actor, params: ListParams, filters: UserListFilters = {}): Promise<Page<PublicUser>> {
  assertCan(actor, "users.manage");
  const where: SQL[] = [];
  if (params.q) {
    const p = likePattern(params.q);
    where.push(or(sql`${users.fullName} like ${p} escape '\\'`, sql`${users.email} like ${p} escape '\\'`)!);
  }
  if (filters.role) where.push(eq(users.role, filters.role));
  if (filters.active !== undefined) where.push(eq(users.active, filters.active));
  const cond = where.length ? and(...where) : undefined;
  const sortCol = SORTS[sortKey(USER_SORTS, params.sort, "name")];
  const order = params.dir === "desc" ? desc(sortCol) : asc(sortCol);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select(publicColumns())
      .from(users)
      .where(cond)
      .orderBy(order, asc(users.id))
      .limit(params.size)
      .offset((params.page - 1) * params.size),
    db.select({ n: count() }).from(users).where(cond),
  ]);
  return { rows, total: n, page: params.page, size: params.size };
}

export async function listStaff(actor: Actor, role?: Role): Promise<{ id: number; fullName: string; role: Role }[]> {
  void actor;
  return db
    .select({ id: users.id, fullName: users.fullName, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), role ? eq(users.role, role) : undefined))
    .orderBy(asc(users.fullName));
}

export async function getUser(actor: Actor, id: number): Promise<PublicUser> {
  if (actor.id !== id) assertCan(actor, "users.manage");
  const [row] = await db.select(publicColumns()).from(users).where(eq(users.id, id));
  if (!row) throw new NotFoundError("User not found.");
  return row;
}

export type IssuedLinks = {
  /** For the admin to copy (shown once, never stored): works even when email is not set up. */
  token: string;
  /** The emailed link's row; its token is minted when the message is delivered. */
  emailTokenId: number;
};

/**
 * Issues an invitation or reset, replacing any earlier one of the same kind. The emailed link's
 * row holds the hash of a token nobody knows until delivery mints the real one (db/queries/
 * emails.ts), so the email log never holds a usable link. `shown` adds a second link whose
 * token is returned for an admin to copy; setting a password with either spends both.
 */
async function issueToken(tx: DbOrTx, actor: Actor, userId: number, kind: "invite" | "reset", shown: true): Promise<IssuedLinks>;
async function issueToken(tx: DbOrTx, actor: Actor, userId: number, kind: "invite" | "reset", shown: false): Promise<Omit<IssuedLinks, "token">>;
async function issueToken(
  tx: DbOrTx,
  actor: Actor,
  userId: number,
  kind: "invite" | "reset",
  shown: boolean,
): Promise<Omit<IssuedLinks, "token"> & { token?: string }> {
  const ms = kind === "invite" ? INVITE_DAYS * 86_400_000 : RESET_HOURS * 3_600_000;
  const row = { userId, kind, expiresAt: new Date(Date.now() + ms), createdBy: actor.id || null };
  await tx
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.kind, kind), isNull(userTokens.usedAt)));
  const [emailed] = await tx
    .insert(userTokens)
    .values({ ...row, tokenHash: unknownTokenHash() })
    .returning({ id: userTokens.id });
  if (!shown) return { emailTokenId: emailed.id };
  const token = newToken();
  await tx.insert(userTokens).values({ ...row, tokenHash: hashToken(token) });
  return { token, emailTokenId: emailed.id };
}

/** Creates the account without a password; returns the invitation link to show and the emailed one's row. */
export async function inviteUser(actor: Actor, input: { fullName: string; email: string; role: Role }): Promise<{ user: PublicUser } & IssuedLinks> {
  assertCan(actor, "users.manage");
  return db.transaction(async (tx) => {
    await assertEmailFree(tx, input.email);
    const [user] = await tx
      .insert(users)
      .values({ fullName: input.fullName.trim(), email: normaliseEmail(input.email), role: input.role, passwordHash: null })
      .returning(publicColumns());
    const links = await issueToken(tx, actor, user.id, "invite", true);
    await recordAudit(tx, actor, "invite", "user", user.id, null, user);
    return { user, ...links };
  });
}

export async function reissueInvitation(actor: Actor, userId: number): Promise<IssuedLinks> {
  assertCan(actor, "users.manage");
  return db.transaction(async (tx) => {
    const user = await mustGet(tx, userId);
    if (user.passwordHash) throw new DomainError("This user has already accepted the invitation; send a password reset instead.");
    const links = await issueToken(tx, actor, userId, "invite", true);
    await recordAudit(tx, actor, "reissue-invitation", "user", userId, null, null);
    return links;
  });
}

export async function issuePasswordReset(actor: Actor, userId: number): Promise<IssuedLinks> {
  assertCan(actor, "users.manage");
  return db.transaction(async (tx) => {
    const user = await mustGet(tx, userId);
    const links = await issueToken(tx, actor, user.id, "reset", true);
    await recordAudit(tx, actor, "issue-password-reset", "user", userId, null, null);
    return links;
  });
}

/** Looks up a live token without using it (to show the form). */
export async function findLiveToken(token: string, kind: "invite" | "reset") {
  const [row] = await db
    .select({ userId: userTokens.userId, fullName: users.fullName, email: users.email, active: users.active })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(eq(userTokens.tokenHash, hashToken(token)), eq(userTokens.kind, kind), isNull(userTokens.usedAt), gt(userTokens.expiresAt, new Date())));
  if (!row || !row.active) return null;
  return row;
}

/** Accepts an invitation or a reset: sets the password and spends the token, once. */
export async function setPasswordWithToken(token: string, kind: "invite" | "reset", password: string): Promise<PublicUser> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [t] = await tx
      .select()
      .from(userTokens)
      .where(and(eq(userTokens.tokenHash, hashToken(token)), eq(userTokens.kind, kind), isNull(userTokens.usedAt), gt(userTokens.expiresAt, new Date())));
    if (!t) throw new DomainError("This link is no longer valid. Ask an administrator for a new one.");
    const before = await mustGet(tx, t.userId);
    if (!before.active) throw new DomainError("This link is no longer valid. Ask an administrator for a new one.");
    // Every outstanding link of the user is spent with it (the emailed and the shown one alike).
    await tx
      .update(userTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(userTokens.userId, t.userId), isNull(userTokens.usedAt)));
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, t.userId))
      .returning(publicColumns());
    const self: Actor = { id: user.id, role: user.role, fullName: user.fullName, email: user.email };
    await recordAudit(tx, self, kind === "invite" ? "accept-invitation" : "reset-password", "user", user.id, null, null);
    return user;
  });
}

async function mustGet(tx: DbOrTx, id: number): Promise<User> {
  const [row] = await tx.select().from(users).where(eq(users.id, id));
  if (!row) throw new NotFoundError("User not found.");
  return row;
}

async function otherActiveAdmins(tx: DbOrTx, exceptId: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, exceptId)));
  return row.n;
}

const LAST_ADMIN = "Markbook needs at least one active admin. Make someone else an admin first.";

export async function changeRole(actor: Actor, userId: number, role: Role): Promise<PublicUser> {
  assertCan(actor, "users.manage");
  return db.transaction(async (tx) => {
    const before = await mustGet(tx, userId);
    if (before.role === role) return before;
    if (before.role === "admin" && before.active && (await otherActiveAdmins(tx, userId)) === 0) throw new DomainError(LAST_ADMIN);
    const [after] = await tx.update(users).set({ role }).where(eq(users.id, userId)).returning(publicColumns());
    await recordAudit(tx, actor, "change-role", "user", userId, { role: before.role }, { role });
    return after;
  });
}

export async function setUserActive(actor: Actor, userId: number, active: boolean): Promise<PublicUser> {
  assertCan(actor, "users.manage");
  return db.transaction(async (tx) => {
    const before = await mustGet(tx, userId);
    if (before.active === active) return before;
    if (!active && before.role === "admin" && (await otherActiveAdmins(tx, userId)) === 0) throw new DomainError(LAST_ADMIN);
    // Deactivation voids every session at once; reactivation does not bring old ones back.
    const [after] = await tx
      .update(users)
      .set({ active, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId))
      .returning(publicColumns());
    await recordAudit(tx, actor, active ? "reactivate" : "deactivate", "user", userId, { active: before.active }, { active });
    return after;
  });
}

export async function deleteUser(actor: Actor, userId: number): Promise<void> {
  assertCan(actor, "users.manage");
  if (actor.id === userId) throw new DomainError("You cannot delete your own account.");
  await db.transaction(async (tx) => {
    const before = await mustGet(tx, userId);
    if (before.role === "admin" && before.active && (await otherActiveAdmins(tx, userId)) === 0) throw new DomainError(LAST_ADMIN);
    await tx.delete(users).where(eq(users.id, userId));
    await recordAudit(tx, actor, "delete", "user", userId, before, null);
  });
}

export async function updateProfile(actor: Actor, userId: number, input: { fullName: string; email: string }): Promise<PublicUser> {
  if (actor.id !== userId) assertCan(actor, "users.manage");
  return db.transaction(async (tx) => {
    const before = await mustGet(tx, userId);
    await assertEmailFree(tx, input.email, userId);
    const [after] = await tx
      .update(users)
      .set({ fullName: input.fullName.trim(), email: normaliseEmail(input.email) })
      .where(eq(users.id, userId))
      .returning(publicColumns());
    await recordAudit(
      tx,
      actor,
      "update",
      "user",
      userId,
      { fullName: before.fullName, email: before.email },
      { fullName: after.fullName, email: after.email },
    );
    return after;
  });
}

/** A user's own password change: needs the current one, and signs out every other session. */
export async function changeOwnPassword(actor: Actor, current: string, next: string): Promise<number> {
  assertCan(actor, "account.self");
  const [row] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, current))) {
    throw new DomainError("The current password is not right.", { currentPassword: ["The current password is not right"] });
  }
  if (current === next) throw new DomainError("Choose a password different from the current one.", { newPassword: ["Choose a different password"] });
  const passwordHash = await hashPassword(next);
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, actor.id))
      .returning({ sv: users.sessionVersion });
    await recordAudit(tx, actor, "change-password", "user", actor.id, null, null);
    return after.sv;
  });
}

/** Used by seeding and tests: a ready account with a password. */
export async function createUserWithPassword(actor: Actor, input: { fullName: string; email: string; role: Role; password: string }): Promise<PublicUser> {
  assertCan(actor, "users.manage");
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await assertEmailFree(tx, input.email);
    const [user] = await tx
      .insert(users)
      .values({ fullName: input.fullName.trim(), email: normaliseEmail(input.email), role: input.role, passwordHash, passwordChangedAt: new Date() })
      .returning(publicColumns());
    await recordAudit(tx, actor, "create", "user", user.id, null, user);
    return user;
  });
}

/** Self-service reset: the emailed link's row for an active account with a password, or nothing (silently). */
export async function requestPasswordReset(email: string): Promise<{ id: number; fullName: string; email: string; emailTokenId: number } | null> {
  const user = await findUserByEmail(email);
  if (!user || !user.active || !user.passwordHash) return null;
  return db.transaction(async (tx) => {
    const self: Actor = { id: user.id, role: user.role, fullName: user.fullName, email: user.email };
    const { emailTokenId } = await issueToken(tx, self, user.id, "reset", false);
    await recordAudit(tx, self, "request-password-reset", "user", user.id, null, null);
    return { id: user.id, fullName: user.fullName, email: user.email, emailTokenId };
  });
}
