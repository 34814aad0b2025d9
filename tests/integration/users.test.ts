import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import {
  changeOwnPassword,
  changeRole,
  createFirstAdmin,
  deleteUser,
  findLiveToken,
  findSessionUser,
  hasAdmin,
  inviteUser,
  issuePasswordReset,
  setPasswordWithToken,
  setUserActive,
} from "@/db/queries/users";
import { verifyPassword } from "@/lib/auth/password";
import { makeUser, TEST_PASSWORD } from "../support/factories";

async function auditFor(entityId: number, action: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entity, "user"), eq(auditEvents.entityId, String(entityId)), eq(auditEvents.action, action)));
}

describe("first run", () => {
  it("creates the first admin once, then refuses", async () => {
    expect(await hasAdmin()).toBe(false);
    const admin = await createFirstAdmin({ fullName: "Ada Admin", email: "Ada@School.test", password: "a-long-password-1" });
    expect(admin.email).toBe("ada@school.test");
    expect(await hasAdmin()).toBe(true);
    await expect(createFirstAdmin({ fullName: "Eve", email: "eve@school.test", password: "a-long-password-2" })).rejects.toThrow(/already set up/);
    expect(await auditFor(admin.id, "create")).toHaveLength(1);
  });
});

describe("staff accounts", () => {
  it("invites a user who sets a password with the link, once", async () => {
    const admin = await makeUser("admin");
    const { user, token } = await inviteUser(admin, { fullName: "Fay Faculty", email: "fay@school.test", role: "faculty" });
    expect((user as Record<string, unknown>).passwordHash).toBeUndefined();
    expect(await findLiveToken(token, "invite")).toMatchObject({ email: "fay@school.test" });
    expect(await findLiveToken(token, "reset")).toBeNull();
    await setPasswordWithToken(token, "invite", "fay-password-123");
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(row.passwordHash!, "fay-password-123")).toBe(true);
    await expect(setPasswordWithToken(token, "invite", "another-password-1")).rejects.toThrow(/no longer valid/);
    expect(await auditFor(user.id, "invite")).toHaveLength(1);
    expect(await auditFor(user.id, "accept-invitation")).toHaveLength(1);
  });

  it("refuses a second account with the same email in another case", async () => {
    const admin = await makeUser("admin");
    await inviteUser(admin, { fullName: "Gus", email: "gus@school.test", role: "counsellor" });
    await expect(inviteUser(admin, { fullName: "Gus 2", email: "GUS@school.test", role: "faculty" })).rejects.toThrow(/already exists/);
  });

  it("never removes, demotes or deactivates the last active admin", async () => {
    // Deactivate every admin but one so this test owns the rule.
    const only = await makeUser("admin");
    const others = await db
      .select()
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true)));
    for (const o of others) if (o.id !== only.id) await db.update(users).set({ active: false }).where(eq(users.id, o.id));
    const helper = await makeUser("admin", { active: false });
    await expect(setUserActive(helper, only.id, false)).rejects.toThrow(/at least one active admin/);
    await expect(changeRole(helper, only.id, "faculty")).rejects.toThrow(/at least one active admin/);
    await expect(deleteUser(helper, only.id)).rejects.toThrow(/at least one active admin/);
    const [still] = await db.select().from(users).where(eq(users.id, only.id));
    expect(still).toMatchObject({ role: "admin", active: true });
    // With a second active admin the first may step down.
    const second = await makeUser("admin");
    await changeRole(second, only.id, "faculty");
    expect((await auditFor(only.id, "change-role"))[0].after).toEqual({ role: "faculty" });
  });

  it("does not let a user delete themself", async () => {
    const admin = await makeUser("admin");
    await makeUser("admin");
    await expect(deleteUser(admin, admin.id)).rejects.toThrow(/your own account/);
  });

  it("voids sessions on deactivation and password change", async () => {
    const admin = await makeUser("admin");
    const f = await makeUser("faculty");
    expect(await findSessionUser(f.id, f.sessionVersion)).not.toBeNull();
    await setUserActive(admin, f.id, false);
    expect(await findSessionUser(f.id, f.sessionVersion)).toBeNull();
    const [row] = await db.select().from(users).where(eq(users.id, f.id));
    await setUserActive(admin, f.id, true);
    // Reactivation does not revive the old session.
    expect(await findSessionUser(f.id, row.sessionVersion - 1)).toBeNull();
    const [live] = await db.select().from(users).where(eq(users.id, f.id));
    const sv = await changeOwnPassword({ ...f }, TEST_PASSWORD, "a-brand-new-password");
    expect(sv).toBe(live.sessionVersion + 1);
    expect(await findSessionUser(f.id, live.sessionVersion)).toBeNull();
    expect(await findSessionUser(f.id, sv)).not.toBeNull();
    await expect(changeOwnPassword(f, "wrong-password-here", "another-new-password")).rejects.toThrow(/current password/);
    expect(await auditFor(f.id, "deactivate")).toHaveLength(1);
    expect(await auditFor(f.id, "reactivate")).toHaveLength(1);
    expect(await auditFor(f.id, "change-password")).toHaveLength(1);
  });

  it("issues a reset link that replaces the previous one", async () => {
    const admin = await makeUser("admin");
    const c = await makeUser("counsellor");
    const { token: first } = await issuePasswordReset(admin, c.id);
    const { token: second } = await issuePasswordReset(admin, c.id);
    expect(await findLiveToken(first, "reset")).toBeNull();
    expect(await findLiveToken(second, "reset")).not.toBeNull();
    expect(await auditFor(c.id, "issue-password-reset")).toHaveLength(2);
  });

  it("refuses staff management to non-admins in the queries themselves", async () => {
    const f = await makeUser("faculty");
    await expect(inviteUser(f, { fullName: "X", email: "x@school.test", role: "admin" })).rejects.toThrow(/permission/);
    await expect(setUserActive(f, SYSTEM.id, false)).rejects.toThrow(/permission/);
  });
});
