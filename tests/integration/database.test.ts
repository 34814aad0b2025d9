import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, client, openClient } from "@/db/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { MIGRATIONS_FOLDER, runMigrations } from "@/db/migrator";
import { programs, courses, terms, users } from "@/db/schema";

describe("migrations", () => {
  it("apply to an empty database and are idempotent", async () => {
    const fresh = openClient(`file:${join(mkdtempSync(join(tmpdir(), "mb-mig-")), "fresh.db")}`);
    await runMigrations(fresh);
    const tables = await fresh.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name");
    const names = tables.rows.map((r) => r.name);
    for (const t of [
      "users",
      "candidates",
      "marks",
      "mark_changes",
      "attendance",
      "leads",
      "tasks",
      "alerts",
      "email_messages",
      "access_links",
      "audit_events",
    ]) {
      expect(names).toContain(t);
    }
    const before = await fresh.execute("select count(*) as n from __drizzle_migrations");
    await runMigrations(fresh);
    const after = await fresh.execute("select count(*) as n from __drizzle_migrations");
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect((await fresh.execute("pragma integrity_check")).rows[0].integrity_check).toBe("ok");
    fresh.close();
  });

  it("carry a database made before the one spelling of enrolment over, rows and audit trail intact", async () => {
    // The migrations as they were before 0003: the same files, the journal cut after 0002.
    const dir = mkdtempSync(join(tmpdir(), "mb-mig-old-"));
    const folder = join(dir, "migrations");
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalPath = join(folder, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8"));
    journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < "0003");
    writeFileSync(journalPath, JSON.stringify(journal));
    const old = openClient(`file:${join(dir, "old.db")}`);
    await migrate(drizzle(old), { migrationsFolder: folder });
    await old.execute("pragma foreign_keys = off");
    await old.execute("insert into enrollments (id, candidate_id, course_id, status, created_at, updated_at) values (7, 1, 2, 'dropped', 0, 0)");
    await old.execute(
      "insert into audit_events (actor_name, action, entity, entity_id, at) values ('A', 'enroll', 'course', '2', 0), ('A', 'change-enrollment', 'enrollment', '7', 0)",
    );
    await old.execute("pragma foreign_keys = on");

    await runMigrations(old);
    const rows = await old.execute("select id, candidate_id, course_id, status from enrolments");
    expect(rows.rows.map((r) => ({ ...r }))).toEqual([{ id: 7, candidate_id: 1, course_id: 2, status: "dropped" }]);
    const tables = await old.execute("select name from sqlite_master where name like 'enroll%'");
    expect(tables.rows).toEqual([]);
    const audit = await old.execute("select action, entity from audit_events order by id");
    expect(audit.rows.map((r) => [r.action, r.entity])).toEqual([
      ["enrol", "course"],
      ["change-enrolment", "enrolment"],
    ]);
    // The unique index came across under its new name.
    await expect(old.execute("insert into enrolments (candidate_id, course_id, status, created_at, updated_at) values (1, 2, 'active', 0, 0)")).rejects.toThrow(
      /UNIQUE/,
    );
    old.close();
  });

  it("apply a migration whose date is earlier than its predecessor's to a database that already had that predecessor", async () => {
    // 0004's `when` is earlier than 0003's: drizzle's own migrator, which applies only what is
    // newer than the newest recorded migration, skipped 0004 on a database made at 0003.
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: { tag: string; when: number }[] };
    const when = Object.fromEntries(journal.entries.map((e) => [e.tag.slice(0, 4), e.when]));
    expect(when["0004"]).toBeLessThan(when["0003"]);
    const dir = mkdtempSync(join(tmpdir(), "mb-mig-0003-"));
    const folder = join(dir, "migrations");
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalPath = join(folder, "meta", "_journal.json");
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.tag < "0004") }));
    const old = openClient(`file:${join(dir, "at-0003.db")}`);
    await migrate(drizzle(old), { migrationsFolder: folder });
    const schemes = () => old.execute("select name from sqlite_master where type = 'table' and name = 'course_schemes'");
    expect((await schemes()).rows).toEqual([]);
    // What drizzle's migrator does with the whole journal now: nothing (the bug this guards against).
    await migrate(drizzle(old), { migrationsFolder: MIGRATIONS_FOLDER });
    expect((await schemes()).rows).toEqual([]);

    await runMigrations(old);
    expect((await schemes()).rows).toHaveLength(1);
    const columns = (await old.execute("select name from pragma_table_info('course_results')")).rows.map((r) => r.name);
    expect(columns).toContain("outcome");
    const recorded = await old.execute("select count(*) as n from __drizzle_migrations");
    expect(Number(recorded.rows[0].n)).toBe(journal.entries.length);
    old.close();
  });

  it("apply once when several processes start on the same new database at once", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "mb-mig-race-")), "race.db");
    const clients = [0, 1, 2].map(() => openClient(`file:${file}`));
    await Promise.all(clients.map((c) => runMigrations(c)));
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    const recorded = await clients[0].execute("select count(*) as n, count(distinct created_at) as d from __drizzle_migrations");
    expect(Number(recorded.rows[0].n)).toBe(journal.entries.length);
    expect(Number(recorded.rows[0].d)).toBe(journal.entries.length);
    expect((await clients[0].execute("pragma integrity_check")).rows[0].integrity_check).toBe("ok");
    for (const c of clients) c.close();
  });

  it("puts the embedded database in WAL mode", async () => {
    const r = await client.execute("pragma journal_mode");
    expect(r.rows[0].journal_mode).toBe("wal");
  });
});

describe("constraints", () => {
  it("enforces foreign keys, also inside transactions", async () => {
    const r = await client.execute("pragma foreign_keys");
    expect(r.rows[0].foreign_keys).toBe(1);
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(courses).values({ code: "X1", name: "Ghost", programId: 9999, termId: 9999 });
      }),
    ).rejects.toThrow();
    const [{ n }] = await db.select({ n: sql<number>`count(*)` }).from(courses);
    expect(n).toBe(0);
  });

  it("keeps user emails unique regardless of case", async () => {
    await db.insert(users).values({ fullName: "A", email: "Case@Example.com", role: "faculty" });
    await expect(db.insert(users).values({ fullName: "B", email: "case@example.COM", role: "faculty" })).rejects.toThrow();
  });

  it("keeps one mark per assessment and candidate, and unique candidate numbers", async () => {
    const [p] = await db.insert(programs).values({ code: "P1", name: "Program" }).returning();
    const [t] = await db.insert(terms).values({ name: "T1", startsOn: "2026-01-01", endsOn: "2026-06-01" }).returning();
    const [c] = await db.insert(courses).values({ code: "C1", name: "Course", programId: p.id, termId: t.id }).returning();
    const { assessments, candidates, marks } = await import("@/db/schema");
    const [a] = await db.insert(assessments).values({ courseId: c.id, name: "Quiz", kind: "quiz", maxScore: 10, weight: 1 }).returning();
    const [cand] = await db.insert(candidates).values({ candidateNumber: "MB-1", fullName: "Asha" }).returning();
    await expect(db.insert(candidates).values({ candidateNumber: "MB-1", fullName: "Other" })).rejects.toThrow();
    await db.insert(marks).values({ assessmentId: a.id, candidateId: cand.id, score: 5 });
    await expect(db.insert(marks).values({ assessmentId: a.id, candidateId: cand.id, score: 6 })).rejects.toThrow();
  });
});

describe("concurrent writes in one process", () => {
  it("overlapping transactions that await between statements both commit (no stall, no SQLITE_BUSY)", async () => {
    const { institutions } = await import("@/db/schema");
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const work = (name: string) =>
      db.transaction(async (tx) => {
        await tx.insert(institutions).values({ name: `${name} 1` });
        await sleep(50); // e.g. rendering an email while the transaction is open
        await tx.insert(institutions).values({ name: `${name} 2` });
      });
    // Plus plain writes outside any transaction, at the same time.
    await Promise.all([work("Alpha"), work("Beta"), work("Gamma"), db.insert(institutions).values({ name: "Delta" })]);
    const rows = await db.select().from(institutions);
    expect(rows.filter((r) => /^(Alpha|Beta|Gamma|Delta)/.test(r.name))).toHaveLength(7);
  });
});
