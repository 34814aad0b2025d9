import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { ForbiddenError } from "@/lib/errors";
import { auditFilterOptions, listAuditEvents, recordAudit } from "@/db/queries/audit";
import { auditFilters } from "@/lib/filters/audit";
import { parseListParams } from "@/lib/list";
import { GET as exportRoute } from "@/app/api/audit/export/route";
import { makeUser } from "../support/factories";
import { signInAs } from "../support/session";

type Admin = Awaited<ReturnType<typeof makeUser>>;
let admin: Admin;
let other: Admin;

/** Noon on a day of March 2025 (before the accounts made here), on the server's clock (the filters take whole local days). */
const on = (day: number, hour = 12) => new Date(2025, 2, day, hour);

beforeAll(async () => {
  admin = await makeUser("admin", { fullName: "Asha Admin" });
  other = await makeUser("admin", { fullName: "Oskar Other" });
  // makeUser itself is audited (by Markbook): the trail starts with those; these are the test's own.
  await db.insert(auditEvents).values([
    {
      actorId: admin.id,
      actorName: admin.fullName,
      action: "create",
      entity: "candidate",
      entityId: "1",
      before: null,
      after: { fullName: "Zara Ahmed" },
      at: on(1, 9),
    },
    {
      actorId: admin.id,
      actorName: admin.fullName,
      action: "update",
      entity: "candidate",
      entityId: "1",
      before: { fullName: "Zara Ahmed", status: "active" },
      after: { fullName: "Zara Ahmed", status: "withdrawn" },
      at: on(3),
    },
    {
      actorId: other.id,
      actorName: other.fullName,
      action: "update",
      entity: "course",
      entityId: "7",
      before: { credits: 3 },
      after: { credits: 4 },
      at: on(3, 23),
    },
    {
      actorId: other.id,
      actorName: other.fullName,
      action: "delete",
      entity: "lead",
      entityId: "9",
      before: { studentName: "Ravi Kumar" },
      after: null,
      at: on(4, 0),
    },
    { actorId: null, actorName: "Markbook", action: "resolve", entity: "alert", entityId: "2", before: null, after: { rule: "failing" }, at: on(5) },
  ]);
});

const list = (search: string, actor: Admin = admin) => {
  const sp = Object.fromEntries(new URLSearchParams(search));
  return listAuditEvents(actor, parseListParams(sp, { sort: "at", dir: "desc" }), auditFilters(sp));
};
/** The test's own events (the accounts' creation is audited too, today). */
const MARCH = "from=2025-03-01&to=2025-03-31";
const ids = async (search: string) => (await list(search)).rows.map((r) => `${r.entity}#${r.entityId}`);

describe("the audit log", () => {
  it("filters by record type, actor and whole days (both ends included)", async () => {
    expect(await ids("entity=candidate")).toEqual(["candidate#1", "candidate#1"]);
    expect(await ids(`actor=${other.id}`)).toEqual(["lead#9", "course#7"]);
    expect(await ids(`actor=none&${MARCH}`)).toEqual(["alert#2"]);
    // 3 March from its first moment to its last; the lead deleted at midnight is the 4th.
    expect(await ids("from=2025-03-03&to=2025-03-03")).toEqual(["course#7", "candidate#1"]);
    expect(await ids("entity=candidate&from=2025-03-02")).toEqual(["candidate#1"]);
    expect(await ids("from=2025-03-04&to=2025-03-05")).toEqual(["alert#2", "lead#9"]);
    // Dates that are not dates filter nothing.
    expect((await list("from=2025-02-31&to=tomorrow")).total).toBe((await list("")).total);
  });

  it("searches people, actions, records and the values before and after", async () => {
    expect(await ids(`q=withdrawn&${MARCH}`)).toEqual(["candidate#1"]);
    expect(await ids(`q=Ravi&${MARCH}`)).toEqual(["lead#9"]);
    expect(await ids(`q=Oskar&${MARCH}`)).toEqual(["lead#9", "course#7"]);
    expect(await ids(`q=50%25&${MARCH}`)).toEqual([]);
  });

  it("sorts by the list's keys only, and pages", async () => {
    const byActor = await list(`sort=actor&dir=asc&${MARCH}`);
    expect(byActor.rows.map((r) => r.actorName)).toEqual(["Asha Admin", "Asha Admin", "Markbook", "Oskar Other", "Oskar Other"]);
    const oldest = await list(`sort=at&dir=asc&${MARCH}&size=10`);
    expect(oldest.rows.map((r) => r.at)).toEqual([on(1, 9), on(3), on(3, 23), on(4, 0), on(5)]);
    // An unknown key falls back to the latest first.
    expect((await list(`sort=toString&${MARCH}`)).rows[0].at).toEqual(on(5));
    const second = await list(`${MARCH}&size=10&page=2`);
    expect(second).toMatchObject({ rows: [], total: 5, page: 2 });
  });

  it("offers the actors and record types found in the trail", async () => {
    const options = await auditFilterOptions(admin);
    expect(options.actors.map((a) => a.fullName)).toEqual(expect.arrayContaining(["Asha Admin", "Oskar Other"]));
    expect(options.accountless).toBe(true);
    expect(options.entities).toEqual(expect.arrayContaining(["alert", "candidate", "course", "lead"]));
    expect(options.entities).toEqual([...options.entities].sort());
    await recordAudit(db, SYSTEM, "create", "grading_scale", 1, null, { name: "Default" });
    expect((await auditFilterOptions(admin)).entities).toContain("grading_scale");
  });

  it("is refused to everyone but admins, in the query and in the CSV export", async () => {
    for (const role of ["faculty", "counsellor"] as const) {
      const u = await makeUser(role);
      await expect(list("", u)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(auditFilterOptions(u)).rejects.toBeInstanceOf(ForbiddenError);
      signInAs(u);
      expect((await exportRoute(new Request("http://localhost:3000/api/audit/export"))).status).toBe(403);
    }
    signInAs(null);
    expect((await exportRoute(new Request("http://localhost:3000/api/audit/export"))).status).toBe(401);
  });

  it("exports the filtered trail as CSV, snapshots as JSON", async () => {
    signInAs(admin);
    const res = await exportRoute(new Request("http://localhost:3000/api/audit/export?entity=course"));
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("When,Who,Action,Record type,Record,Before,After");
    expect(lines.slice(1)).toEqual([`${on(3, 23).toISOString()},Oskar Other,update,course,7,"{""credits"":3}","{""credits"":4}"`]);
  });
});
