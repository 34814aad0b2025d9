import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db, client } from "@/db/client";
import { auditEvents, candidates, leads, users } from "@/db/schema";
import { SYSTEM, type Actor } from "@/lib/actor";
import { createInstitution, deleteInstitution } from "@/db/queries/institutions";
import { createContact } from "@/db/queries/contacts";
import { convertLead, createLead, findDuplicateLeads, markFollowupSeen, setLeadStatus, unseenFollowupCount } from "@/db/queries/leads";
import { createInteraction, deleteInteraction, listInteractions, updateInteraction } from "@/db/queries/interactions";
import { createTask, listTasks, markTasksSeen, setTaskStatus, unseenTaskCount } from "@/db/queries/tasks";
import { adminDashboard, counsellorDashboard, facultyDashboard } from "@/db/queries/dashboard";
import { globalSearch } from "@/db/queries/search";
import { seedDemo } from "@/db/seed/demo";
import { makeUser } from "../support/factories";

const lead = (over: Partial<Parameters<typeof createLead>[1]> = {}) => ({
  studentName: "Rahul Sharma",
  email: `rahul.${Math.random().toString(36).slice(2, 7)}@mail.test`,
  phone: `+91 98${Math.floor(Math.random() * 1e8)}`,
  programOfInterest: "AI",
  source: "School counsellor referral",
  status: "New" as const,
  ...over,
});

describe("institutions and contacts", () => {
  it("refuses to delete an institution still referred to, saying why", async () => {
    const c = await makeUser("counsellor");
    const inst = await createInstitution(c, { name: "CJ University", city: "Udaipur", state: "Rajasthan" });
    const contact = await createContact(c, { fullName: "Kiran Rao", institutionId: inst.id });
    await createLead(c, lead({ contactId: contact.id }));
    await expect(deleteInstitution(c, inst.id)).rejects.toThrow(/1 lead, 1 contact still refer to it/);
  });
});

describe("leads", () => {
  it("TC-06: a lead linked only to a contact takes the contact's institution", async () => {
    const c = await makeUser("counsellor");
    const inst = await createInstitution(c, { name: "Green Valley School" });
    const contact = await createContact(c, { fullName: "Anita Desai", institutionId: inst.id });
    const l = await createLead(c, lead({ contactId: contact.id }));
    expect(l.institutionId).toBe(inst.id);
    expect(l.ownerId).toBe(c.id);
  });

  it("finds duplicates by email or phone", async () => {
    const c = await makeUser("counsellor");
    const first = await createLead(c, lead({ email: "dup@mail.test", phone: "+91 99887 76655" }));
    expect((await findDuplicateLeads(c, "DUP@mail.test", "123")).map((d) => d.id)).toContain(first.id);
    expect((await findDuplicateLeads(c, "other@mail.test", "9988776655")).map((d) => d.id)).toContain(first.id);
    expect(await findDuplicateLeads(c, "other@mail.test", "+91 11111 11111")).toHaveLength(0);
  });

  it("converts only a Converted lead, copying its details and linking both ways", async () => {
    const c = await makeUser("counsellor");
    const l = await createLead(c, lead({ studentName: "Meera Pillai" }));
    await expect(convertLead(c, l.id)).rejects.toThrow(/Only a lead marked Converted/);
    await setLeadStatus(c, l.id, "Converted");
    const cand = await convertLead(c, l.id);
    expect(cand).toMatchObject({ fullName: "Meera Pillai", email: l.email, phone: l.phone, leadId: l.id });
    await expect(convertLead(c, l.id)).rejects.toThrow(/already a candidate/);
    await expect(setLeadStatus(c, l.id, "Lost")).rejects.toThrow(/stays Converted/);
  });

  it("counts a user's unseen follow-ups and clears them when opened; a new date makes it new again", async () => {
    const c = await makeUser("counsellor");
    const today = new Date().toISOString().slice(0, 10);
    const l = await createLead(c, lead({ followUpOn: today }));
    expect(await unseenFollowupCount(c)).toBe(1);
    await markFollowupSeen(c, l.id);
    expect(await unseenFollowupCount(c)).toBe(0);
    await db
      .update(leads)
      .set({ followUpOn: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) })
      .where(eq(leads.id, l.id));
    expect(await unseenFollowupCount(c)).toBe(1);
    // Another counsellor's count is their own.
    expect(await unseenFollowupCount(await makeUser("counsellor"))).toBe(0);
  });

  it("keeps leads away from faculty", async () => {
    const f = await makeUser("faculty");
    await expect(createLead(f, lead())).rejects.toThrow(/permission/);
  });
});

describe("interactions", () => {
  it("are listed latest first, edited only by their author, deleted only by an admin", async () => {
    const c = await makeUser("counsellor");
    const other = await makeUser("counsellor");
    const admin = await makeUser("admin");
    const l = await createLead(c, lead());
    const a = await createInteraction(c, { leadId: l.id }, { kind: "call", body: "First call", occurredAt: new Date(Date.now() - 60_000) });
    await createInteraction(c, { leadId: l.id }, { kind: "note", body: "Then a note" });
    expect((await listInteractions(c, { leadId: l.id })).map((i) => i.body)).toEqual(["Then a note", "First call"]);
    await expect(updateInteraction(other, a.id, { kind: "call", body: "Hijack" })).rejects.toThrow(/Only the author/);
    await updateInteraction(c, a.id, { kind: "call", body: "First call, edited" });
    await expect(deleteInteraction(c, a.id)).rejects.toThrow(/permission/);
    await deleteInteraction(admin, a.id);
    expect(await listInteractions(c, { leadId: l.id })).toHaveLength(1);
  });
});

describe("tasks", () => {
  it("TC-07: a task created by faculty is completed and shows as done; 'new' counts clear when seen", async () => {
    const f = await makeUser("faculty");
    const t = await createTask(f, { title: "Attendance shortage warning", status: "open", dueAt: new Date(Date.now() + 3_600_000) });
    expect(await unseenTaskCount(f)).toBe(1);
    await markTasksSeen(f);
    expect(await unseenTaskCount(f)).toBe(0);
    await setTaskStatus(f, t.id, "done");
    const done = await listTasks(f, { page: 1, size: 25, dir: "asc" }, { status: "done" });
    expect(done.rows.map((r) => r.id)).toContain(t.id);
    expect(done.rows.find((r) => r.id === t.id)?.completedAt).not.toBeNull();
    // Someone else's task is not theirs to see.
    const other = await makeUser("faculty");
    expect((await listTasks(other, { page: 1, size: 25, dir: "asc" })).rows.map((r) => r.id)).not.toContain(t.id);
  });
});

describe("dashboards equal independent counts on the seeded institution", () => {
  let admin: Actor;
  let faculty: Actor;
  let counsellor: Actor;
  beforeAll(async () => {
    await seedDemo(() => {}, { candidates: 60 });
    const byEmail = async (email: string) => {
      const [u] = await db.select().from(users).where(eq(users.email, email));
      return { id: u.id, role: u.role, fullName: u.fullName, email: u.email };
    };
    admin = await byEmail("admin@markbook.test");
    faculty = await byEmail("faculty@markbook.test");
    counsellor = await byEmail("counsellor@markbook.test");
  }, 120_000);

  const one = async (q: string) => Number((await client.execute(q)).rows[0][0]);

  it("admin", async () => {
    const d = await adminDashboard(admin);
    expect(d.institutionsTotal).toBe(await one("select count(*) from institutions"));
    expect(d.activeCandidates).toBe(await one("select count(*) from candidates where status = 'active' and erased_at is null"));
    expect(d.atRisk).toBe(await one("select count(distinct candidate_id) from alerts where resolved_at is null"));
    expect(d.leadsTotal).toBe(await one("select count(*) from leads"));
    for (const p of d.pipeline) {
      expect(p.count).toBe(await one(`select count(*) from leads where status = '${p.status}' and created_at >= ${Date.now() - 30 * 86_400_000 - 60_000}`));
    }
    expect(d.atRisk).toBeGreaterThan(0);
  });

  it("faculty", async () => {
    const d = await facultyDashboard(faculty);
    expect(d.advisees).toBe(await one(`select count(*) from candidates where advisor_id = ${faculty.id} and status = 'active'`));
    expect(d.openTasks).toBe(await one(`select count(*) from tasks where owner_id = ${faculty.id} and status != 'done'`));
    expect(d.myCourses).toBe(await one(`select count(*) from course_teachers where user_id = ${faculty.id}`));
    expect(d.atRisk).toBe(
      await one(
        // An alert counts where they teach its course, or for their advisees (issue 11, finding 6).
        `select count(distinct a.candidate_id) from alerts a join candidates c on c.id = a.candidate_id where a.resolved_at is null and (c.advisor_id = ${faculty.id} or (a.course_id in (select course_id from course_teachers where user_id = ${faculty.id}) and exists (select 1 from enrolments e join course_teachers t on t.course_id = e.course_id where e.candidate_id = c.id and t.user_id = ${faculty.id})))`,
      ),
    );
  });

  it("counsellor", async () => {
    const d = await counsellorDashboard(counsellor);
    const today = new Date().toISOString().slice(0, 10);
    expect(d.myLeads).toBe(await one(`select count(*) from leads where owner_id = ${counsellor.id}`));
    expect(d.due).toBe(
      await one(`select count(*) from leads where owner_id = ${counsellor.id} and status in ('New','Qualified') and follow_up_on <= '${today}'`),
    );
    expect(d.overdue).toBe(
      await one(`select count(*) from leads where owner_id = ${counsellor.id} and status in ('New','Qualified') and follow_up_on < '${today}'`),
    );
    const conv = await one(`select count(*) from leads where owner_id = ${counsellor.id} and status = 'Converted'`);
    const lost = await one(`select count(*) from leads where owner_id = ${counsellor.id} and status = 'Lost'`);
    expect(d.conversionRate).toBeCloseTo((conv / (conv + lost)) * 100, 9);
  });

  it("search respects each role's access", async () => {
    const [aLead] = await db.select().from(leads).limit(1);
    const asCounsellor = await globalSearch(counsellor, aLead.studentName.split(" ")[0]);
    expect(asCounsellor.some((h) => h.kind === "lead")).toBe(true);
    const asFaculty = await globalSearch(faculty, aLead.studentName.split(" ")[0]);
    expect(asFaculty.some((h) => h.kind === "lead")).toBe(false);
    // Faculty find only candidates they may see.
    for (const h of asFaculty.filter((x) => x.kind === "candidate")) {
      const [c] = await db.select().from(candidates).where(eq(candidates.id, h.id));
      const visible =
        c.advisorId === faculty.id ||
        (await one(
          `select count(*) from enrolments e join course_teachers t on t.course_id = e.course_id where e.candidate_id = ${c.id} and t.user_id = ${faculty.id}`,
        )) > 0;
      expect(visible).toBe(true);
    }
  });

  it("every write in the seed left its audit event", async () => {
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)` })
      .from(auditEvents)
      .where(eq(auditEvents.entity, "lead"));
    expect(n).toBeGreaterThanOrEqual(await one("select count(*) from leads"));
    expect(SYSTEM.id).toBe(0);
  });
});
