import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { client, db } from "@/db/client";
import { auditEvents, guardians, interactions, leads } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { enrol, updateCandidate } from "@/db/queries/candidates";
import { convertLead, createLead, setLeadStatus } from "@/db/queries/leads";
import { createInteraction, deleteInteraction } from "@/db/queries/interactions";
import { saveMark } from "@/db/queries/marks";
import { createSession, saveRegister } from "@/db/queries/attendance";
import { eraseCandidate } from "@/db/queries/privacy";
import { addWorkedExample, makeCourse } from "../support/academy";
import { makeUser } from "../support/factories";

// Erasure must leave no copy of the person in the database's bytes: not in a live row, not in a
// page's free space or the free list, not in an old frame of the WAL. Someone with the file (a
// backup, a stolen disk) reads those bytes with `strings`, not with SQL.

const P = {
  name: "Philippa Vexley-Arbuthnot",
  email: "philippa.vexley@mail.test",
  phone: "+44 7700 900461",
  dupEmail: "pvexley.second@mail.test",
  guardian: "Rosalind Vexley-Arbuthnot",
  guardianEmail: "rosalind.vexley@home.test",
  guardianPhone: "+44 7700 900462",
};
// Words about them that hold no identifier: these must go too.
const P_TEXTS = [
  "excelled at topology",
  "dental appointment in Leeds",
  "asked about the night bus",
  "hardship fund form",
  "allergic to penicillin",
  "moving to Inverness",
];
// The family's landline, which their first enquiry and their sister's came from: the sister's
// enquiry is not theirs and keeps it (so it is no needle below).
const FAMILY_PHONE = "+44 113 496 0732";
const SISTER = { name: "Cordelia Vexley-Arbuthnot", email: "cordelia.vexley@mail.test" };

const dbPath = process.env.DATABASE_URL!.slice("file:".length);

/** Every needle found in the raw bytes of the database file or its WAL: "file ∋ needle". */
function inRawBytes(needles: string[]): string[] {
  const found: string[] = [];
  for (const file of [dbPath, `${dbPath}-wal`]) {
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    for (const n of needles) {
      for (const form of new Set([n, n.toLowerCase()]))
        if (bytes.includes(Buffer.from(form, "utf8"))) found.push(`${file.slice(dbPath.length) || "db"} ∋ ${form}`);
    }
  }
  return found;
}

let admin: Awaited<ReturnType<typeof makeUser>>;
let pId: number;
let pNumber: string;
let dupLeadId: number;
let sisterLeadId: number;

beforeAll(async () => {
  admin = await makeUser("admin", { fullName: "Ada Admin" });
  const counsellor = await makeUser("counsellor", { fullName: "Cora Counsellor" });
  const teacher = await makeUser("faculty", { fullName: "Theo Teacher" });
  const course = await makeCourse({ candidates: 1, teacher });
  const { quiz } = await addWorkedExample(course.course.id);

  const lead = await createLead(counsellor, {
    studentName: P.name,
    email: P.email,
    phone: FAMILY_PHONE,
    programOfInterest: "AI",
    source: "Walk-in",
    status: "New",
    ownerId: counsellor.id,
  });
  // The same person enquired again from another address and their mobile (written another way): a duplicate.
  const dup = await createLead(counsellor, {
    studentName: P.name,
    email: P.dupEmail,
    phone: "07700 900461",
    programOfInterest: "Data science",
    source: "Fair",
    status: "Qualified",
    ownerId: counsellor.id,
    notes: "She asked about the night bus",
    nextStep: "Send the hardship fund form",
  });
  dupLeadId = dup.id;
  await createInteraction(counsellor, { leadId: dup.id }, { kind: "call", body: `Called ${P.name} back about the hardship fund form` });
  const sister = await createLead(counsellor, {
    studentName: SISTER.name,
    email: SISTER.email,
    phone: FAMILY_PHONE,
    programOfInterest: "AI",
    source: "Walk-in",
    status: "New",
    ownerId: counsellor.id,
  });
  sisterLeadId = sister.id;

  await setLeadStatus(counsellor, lead.id, "Converted");
  const p = await convertLead(admin, lead.id, {
    email: P.email,
    phone: P.phone,
    programId: course.program.id,
    consentToEmail: true,
    notes: "Allergic to penicillin",
    guardians: [
      { fullName: P.guardian, relationship: "Mother", email: P.guardianEmail, phone: P.guardianPhone, preferredContact: "email", receivesReports: true },
    ],
  });
  pId = p.id;
  pNumber = p.candidateNumber;
  await enrol(SYSTEM, [pId], course.course.id);
  await saveMark(teacher, {
    assessmentId: quiz.id,
    candidateId: pId,
    score: 18,
    status: "graded",
    feedback: "Philippa excelled at topology",
    expectedVersion: null,
  });
  const session = await createSession(teacher, course.course.id, { heldOn: "2026-02-03", topic: "Sets" });
  await saveRegister(teacher, session.id, [{ candidateId: pId, status: "excused", note: "Dental appointment in Leeds", expectedVersion: null }]);
  // A note written and deleted before the erasure: its bytes were in the file too.
  const gone = await createInteraction(counsellor, { candidateId: pId }, { kind: "note", body: "Family moving to Inverness" });
  await deleteInteraction(admin, gone.id);
  // Some of it reaches the database file itself, some stays in the WAL.
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  const [g] = await db.select().from(guardians).where(eq(guardians.candidateId, pId));
  await updateCandidate(admin, pId, {
    fullName: P.name,
    email: P.email,
    phone: P.phone,
    programId: course.program.id,
    status: "active",
    consentToEmail: true,
    notes: "Allergic to penicillin; moving to Inverness",
    guardians: [
      {
        id: g.id,
        fullName: P.guardian,
        relationship: "Mother",
        email: P.guardianEmail,
        phone: P.guardianPhone,
        preferredContact: "email",
        receivesReports: true,
      },
    ],
  });
});

describe("erasure leaves nothing behind in the database's bytes", () => {
  it("finds the person in the file and its WAL before, and nowhere after, while their sister's enquiry stays whole", async () => {
    const needles = [P.name, P.email, P.phone, "07700 900461", P.dupEmail, P.guardian, P.guardianEmail, P.guardianPhone, pNumber, ...P_TEXTS];
    // The scan sees what is there: everything is findable before the erasure.
    const before = inRawBytes(needles);
    for (const n of [P.name, P.email, P.dupEmail, "excelled at topology", "moving to Inverness"])
      expect(before.some((f) => f.endsWith(`∋ ${n}`) || f.endsWith(`∋ ${n.toLowerCase()}`))).toBe(true);
    expect(before.some((f) => f.startsWith("-wal"))).toBe(true);
    expect(before.some((f) => f.startsWith("db"))).toBe(true);

    const r = await eraseCandidate(admin, pId, { confirm: pNumber, reason: "Erasure request 2026/31" });
    expect(r.walEmptied).toBe(true);
    expect(r.counts.otherLeads).toBe(1);

    expect(inRawBytes(needles)).toEqual([]);

    // The duplicate enquiry is anonymised like the one they came from, and keeps its place in the pipeline.
    const [dup] = await db.select().from(leads).where(eq(leads.id, dupLeadId));
    expect(dup).toMatchObject({
      studentName: `Erased candidate #${pId}`,
      email: "",
      phone: "",
      notes: null,
      nextStep: null,
      status: "Qualified",
      source: "Fair",
    });
    expect((await db.select().from(interactions).where(eq(interactions.leadId, dupLeadId))).map((i) => i.body)).toEqual(["[erased]"]);
    const [erased] = await db.select().from(auditEvents).where(eq(auditEvents.action, "candidate.erased"));
    expect(erased.before).toMatchObject({ otherLeadIds: [dupLeadId] });

    // A shared family phone is not the person: the sister's enquiry keeps her data.
    const [sister] = await db.select().from(leads).where(eq(leads.id, sisterLeadId));
    expect(sister).toMatchObject({ studentName: SISTER.name, email: SISTER.email, phone: FAMILY_PHONE });
  });

  it("writes with secure_delete on, in transactions and outside them", async () => {
    // A fresh transaction's own connection, and a plain statement, both zero what they delete.
    const tx = await client.transaction("write");
    const inTx = Number((await tx.execute("PRAGMA secure_delete")).rows[0][0]);
    await tx.rollback();
    expect(inTx).toBe(1);
    await client.execute("create table if not exists scratch (id integer primary key, words text)");
    await client.execute({ sql: "insert into scratch (words) values (?)", args: ["a plain write about Quillon Ashgrove"] });
    await client.execute("delete from scratch");
    await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    expect(inRawBytes(["Quillon Ashgrove"])).toEqual([]);
  });
});
