import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/constants";
import { can } from "@/lib/auth/permissions";
import type { ActionMeta, ActionResult } from "@/lib/action";
import { findAllActions, tableChecksum } from "../support/actions";
import { makeUser } from "../support/factories";
import { signInAs } from "../support/session";

// Actions anyone may call. Adding a public action means adding it here, on purpose.
const PUBLIC = new Set([
  "app/(auth)/sign-in/actions.ts#signInAction",
  "app/(auth)/setup/actions.ts#setupAction",
  "app/(auth)/_set-password/actions.ts#setPasswordAction",
  "app/(staff)/actions.ts#signOutAction",
  "app/(auth)/forgot-password/actions.ts#forgotPasswordAction",
]);

type Callable = ((prev: null, payload: unknown) => Promise<ActionResult>) & { meta?: ActionMeta };

describe("every server action refuses callers without its permission", async () => {
  const actions = await findAllActions();

  // Actions whose permission is a decision, not only a wrapper: named here so a change is deliberate.
  it.each([["app/(staff)/reports/actions.ts#resendUnopenedAction", "reports.send"]])("%s needs %s", (key, permission) => {
    const a = actions.find((x) => `${x.file}#${x.name}` === key);
    expect(a, `${key} is found`).toBeDefined();
    expect((a!.fn as Callable).meta?.access).toBe(permission);
  });

  it("finds the actions", () => {
    expect(actions.length).toBeGreaterThan(5);
  });

  it.each(actions.map((a) => [`${a.file}#${a.name}`, a] as const))("%s is made with the action wrapper", (_key, a) => {
    expect(typeof a.fn).toBe("function");
    expect((a.fn as Callable).meta, `${a.file}#${a.name} must be created with action()`).toBeDefined();
  });

  it.each(actions.map((a) => [`${a.file}#${a.name}`, a] as const))("%s refuses anonymous, deactivated and unpermitted callers", async (key, a) => {
    const fn = a.fn as Callable;
    const access = fn.meta!.access;
    if (access === "public") {
      expect(PUBLIC.has(key), `${key} is public but not in the PUBLIC allowlist`).toBe(true);
      return;
    }
    expect(PUBLIC.has(key)).toBe(false);
    const before = await tableChecksum();

    signInAs(null);
    expect(await fn(null, {})).toMatchObject({ ok: false, code: "unauthenticated" });

    const deactivated = await makeUser("admin", { active: false });
    signInAs(deactivated);
    expect(await fn(null, {})).toMatchObject({ ok: false, code: "unauthenticated" });

    for (const role of ROLES) {
      if (can(role, access)) continue;
      const u = await makeUser(role);
      signInAs(u);
      const r = await fn(null, { id: 1, userId: 1 });
      expect(r, `${key} as ${role}`).toMatchObject({ ok: false, code: "forbidden" });
    }
    signInAs(null);
    const after = await tableChecksum();
    // Only the users this test made were added.
    expect({ ...after, users: 0, audit_events: 0 }).toEqual({ ...before, users: 0, audit_events: 0 });
  });
});

describe("the GPA policy's actions are an academic administrator's", async () => {
  const actions = await findAllActions();
  it.each(["updateProgramAction", "createProgramAction", "savePercentConversionAction"])("%s asks for academics.manage", (name) => {
    const a = actions.find((x) => x.file === "app/(staff)/academics/actions.ts" && x.name === name);
    expect((a?.fn as Callable | undefined)?.meta?.access).toBe("academics.manage");
  });
});
