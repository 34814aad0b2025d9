// Every server action, fed hostile payloads built from its own schema: it answers with an
// ActionResult (never throws, never "something went wrong"), a refusal says why in words
// (naming real fields when the input is invalid) and leaves every row of every table as it was.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { can } from "@/lib/auth/permissions";
import type { ActionMeta, ActionResult } from "@/lib/action";
import type { Role } from "@/lib/constants";
import { findSessionUser } from "@/db/queries/users";
import { danglingReferences, databaseChecksum, findAllActions } from "../support/actions";
import { addWorkedExample, makeCourse } from "../support/academy";
import { makeUser } from "../support/factories";
import { allFieldNames, describePayload, HUGE, nastyValue, objectFields, payload, toFormData, validPayload } from "../support/fuzz";
import { signInAs } from "../support/session";

// Sign-in, sign-out, setup and the password links read the request's headers and cookies.
// Outside Next there is no request, so give them a plain one: Auth.js then runs for real
// (credentials checked against the database, rate limits counted) and ends a successful
// sign-in or sign-out with Next's redirect, which the test counts as an accepted call.
let ip = 0;
vi.mock("next/headers", async () => {
  const { fromAddress } = await import("../support/client-ip");
  const jar = new Map<string, string>();
  return {
    headers: async () => new Headers({ host: "localhost:3000", ...fromAddress(`10.1.${(ip >> 8) & 255}.${ip++ & 255}`) }),
    cookies: async () => ({
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (name: string) => jar.has(name),
      set: (name: string, value: string) => void jar.set(name, value),
      delete: (name: string) => void jar.delete(name),
    }),
  };
});

type Callable = ((prev: unknown, payload?: unknown) => Promise<ActionResult>) & { meta: ActionMeta };

// Runs per action: 40 as admin, 20 as faculty (or as nobody, for public actions). FUZZ_SCALE=10 for a long hunt.
const SCALE = Number(process.env.FUZZ_SCALE) || 1;
const RUNS = Math.ceil(40 * SCALE);
const FACULTY_RUNS = Math.ceil(RUNS / 2);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const CODES = new Set(["unauthenticated", "forbidden", "invalid", "not_found", "conflict", "rate_limited"]);
// What must never reach a person: driver errors, stack frames, JS error names, "[object Object]".
const LEAK = /SQLITE|libsql|constraint failed|TypeError|ReferenceError|RangeError|SyntaxError|\[object |ZodError|Unexpected token|\bat \S+ \(|\.ts:\d+/i;

function humane(text: unknown): boolean {
  return typeof text === "string" && text.trim().length > 0 && text.length <= 1000 && !LEAK.test(text);
}

// FUZZ_STATS=1 prints how each action's calls ended, to see that the fuzz gets past validation.
const stats = new Map<string, Record<string, number>>();
const tally = (key: string, outcome: string) => {
  const t = stats.get(key) ?? {};
  t[outcome] = (t[outcome] ?? 0) + 1;
  stats.set(key, t);
};

type Actor = { id: number; sessionVersion: number; role: Role };
const current: Record<Role, Actor | null> = { admin: null, faculty: null, counsellor: null };

/** An accepted call may have demoted, deactivated or signed out the caller: sign in someone fit. */
async function ensureSignedIn(role: Role | "anonymous"): Promise<boolean> {
  if (role === "anonymous") {
    signInAs(null);
    return false;
  }
  const a = current[role];
  const u = a ? await findSessionUser(a.id, a.sessionVersion) : null;
  const replace = !u || u.role !== role;
  if (replace) current[role] = { ...(await makeUser(role)), role };
  signInAs(current[role]);
  return replace;
}

describe("fuzz: every server action under hostile input", async () => {
  const actions = await findAllActions();

  beforeAll(async () => {
    // A small institution: courses with candidates and marks, CRM records, a task, a session.
    const admin = await makeUser("admin");
    current.admin = { ...admin, role: "admin" };
    const { teacher, course, candidates } = await makeCourse({ candidates: 3 });
    current.faculty = { ...teacher, sessionVersion: teacher.sessionVersion ?? 0, role: "faculty" };
    const { quiz } = await addWorkedExample(course.id);
    signInAs(admin);
    const mod = async (p: string) => Object.fromEntries(actions.filter((a) => a.file === p).map((a) => [a.name, a.fn as Callable]));
    const crm = {
      ...(await mod("app/(staff)/institutions/actions.ts")),
      ...(await mod("app/(staff)/contacts/actions.ts")),
      ...(await mod("app/(staff)/leads/actions.ts")),
      ...(await mod("app/(staff)/tasks/actions.ts")),
      ...(await mod("app/(staff)/interactions/actions.ts")),
      ...(await mod("app/(staff)/courses/[id]/attendance/actions.ts")),
      ...(await mod("app/(staff)/courses/[id]/gradebook/actions.ts")),
    };
    const made = [
      await crm.createInstitutionAction(null, { name: "Springfield High", city: "Springfield" }),
      await crm.createContactAction(null, { fullName: "Edna K", email: "edna@springfield.test" }),
      await crm.createLeadAction(null, { studentName: "Bart", email: "bart@springfield.test", phone: "+1 555 0100", programOfInterest: "P", source: "Fair" }),
      await crm.createTaskAction(null, { title: "Call Bart", dueAt: "2026-06-01T10:00" }),
      await crm.addInteractionAction(null, { kind: "note", body: "Met at the fair", subject: "lead", subjectId: 1 }),
      await crm.createSessionAction(null, { courseId: course.id, heldOn: "2026-02-02" }),
      await crm.saveMarkAction(null, { assessmentId: quiz.id, candidateId: candidates[0].id, score: "15", status: "graded", expectedVersion: "" }),
    ];
    for (const r of made) expect(r, describePayload(r)).toMatchObject({ ok: true });
  });

  afterAll(() => {
    if (process.env.FUZZ_STATS) for (const [k, t] of stats) console.log(k.padEnd(80), JSON.stringify(t));
  });

  it("finds the actions, each with its schema on .meta", () => {
    expect(actions.length).toBeGreaterThan(40);
    for (const a of actions) expect((a.fn as Callable).meta?.schema, `${a.file}#${a.name}`).toBeDefined();
  });

  // Text a person types has a limit; only the import's file text is allowed to be large (30 MB).
  const LONG_TEXT_ALLOWED = new Set(["app/(staff)/imports/actions.ts#previewImportAction text"]);

  it.each(actions.map((a) => [`${a.file}#${a.name}`, a] as const))("%s: no field accepts 100,000 characters", (key, a) => {
    const { schema } = (a.fn as Callable).meta;
    const fields = objectFields(schema);
    const base = fc.sample(validPayload(fields), { numRuns: 60, seed: 7 }).find((p) => schema.safeParse(p).success);
    if (!base) return; // nothing valid to start from: the hostile runs below still cover the field
    const huge = "x".repeat(HUGE);
    const hasLong = (v: unknown): boolean =>
      typeof v === "string"
        ? v.length >= HUGE / 10
        : Array.isArray(v)
          ? v.some(hasLong)
          : typeof v === "object" && v !== null
            ? Object.values(v).some(hasLong)
            : false;
    const probes: [string, Record<string, unknown>][] = [];
    for (const f of fields) {
      probes.push([f.name, { ...base, [f.name]: huge }]);
      const list = base[f.name];
      if (f.kind.t === "objects" && Array.isArray(list) && list.length) {
        for (const sub of f.kind.fields)
          probes.push([`${f.name}.0.${sub.name}`, { ...base, [f.name]: [{ ...(list[0] as object), [sub.name]: huge }, ...list.slice(1)] }]);
      }
    }
    const unbounded = probes.filter(([path, p]) => {
      const r = schema.safeParse(p);
      return r.success && hasLong(r.data) && !LONG_TEXT_ALLOWED.has(`${key} ${path}`);
    });
    expect(
      unbounded.map(([path]) => path),
      `${key}: fields that take 100,000 characters`,
    ).toEqual([]);
  });

  it.each(actions.map((a) => [`${a.file}#${a.name}`, a] as const))(
    "%s: hostile payloads",
    async (key, a) => {
      const fn = a.fn as Callable;
      const { access, schema } = fn.meta;
      const fields = objectFields(schema);
      const names = allFieldNames(fields);
      // Public actions as their real caller (nobody) and as a signed-in admin; the rest as each role that may call them.
      const roles: (Role | "anonymous")[] = access === "public" ? ["admin", "anonymous"] : (["admin", "faculty"] as const).filter((r) => can(r, access));
      let last = await databaseChecksum();

      const call = fc.oneof(
        { weight: 8, arbitrary: fc.record({ p: payload(fields), form: fc.constantFrom(false, "repeat", "brackets", "alone") }) },
        // Not even an object: what a hand-made request could send as the whole payload.
        { weight: 1, arbitrary: fc.record({ p: nastyValue, form: fc.constant(false as const) }) },
      );

      for (const role of roles) {
        await fc.assert(
          fc.asyncProperty(call, async ({ p, form }) => {
            if (await ensureSignedIn(role)) last = await databaseChecksum();
            const isObject = typeof p === "object" && p !== null && !Array.isArray(p) && !(p instanceof Date);
            const body = form && isObject ? toFormData(p as Record<string, unknown>, form === "brackets") : p;
            const where = `${key} as ${role} with ${describePayload(body)}`;
            let result: ActionResult;
            try {
              result = form === "alone" && body instanceof FormData ? await fn(body) : await fn(null, body);
            } catch (e) {
              // Next ends a successful sign-in/sign-out/setup by throwing its redirect.
              if (isRedirectError(e)) {
                tally(key, "redirect");
                last = await databaseChecksum();
                return;
              }
              throw new Error(`${where}\nthrew ${(e as Error)?.stack ?? String(e)}`);
            }
            const now = await databaseChecksum();
            tally(key, result?.ok ? "ok" : `${result?.code}`);
            expect(typeof result?.ok, where).toBe("boolean");
            if (!result.ok && result.values)
              expect(
                Object.keys(result.values).filter((k) => /password|token/i.test(k)),
                `${where}\n→ secrets echoed back`,
              ).toEqual([]);
            if (result.ok) {
              expect(result, where).toHaveProperty("data");
              // An id that points at nothing is refused, not stored.
              expect(await danglingReferences(), `${where}\n→ accepted, leaving references to nothing`).toEqual([]);
              last = now;
              return;
            }
            expect(CODES.has(result.code), `${where}\n→ ${describePayload(result)}`).toBe(true);
            expect(humane(result.message), `${where}\n→ message ${describePayload(result.message)}`).toBe(true);
            if (result.fieldErrors) {
              const keys = Object.keys(result.fieldErrors);
              expect(keys.length, where).toBeGreaterThan(0);
              for (const k of keys) {
                expect(k === "_form" || names.has(k.split(".")[0]), `${where}\n→ field error on unknown field “${k}”`).toBe(true);
                const msgs = result.fieldErrors[k] ?? [];
                expect(msgs.length > 0 && msgs.every(humane), `${where}\n→ ${k}: ${describePayload(msgs)}`).toBe(true);
              }
            } else {
              expect(result.message, `${where}\n→ invalid input must name its fields`).not.toBe("Check the highlighted fields.");
            }
            expect(now, `${where}\n→ a refused call (${result.code}: ${result.message}) changed the database`).toEqual(last);
          }),
          { numRuns: role === "admin" ? RUNS : FACULTY_RUNS, endOnFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) },
        );
      }
    },
    30_000 * SCALE,
  );
});
