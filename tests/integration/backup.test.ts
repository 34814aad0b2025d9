import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type Client, type InValue } from "@libsql/client";
import { BackupError, backupDatabase, restoreDatabase, tableCounts } from "@/db/backup";
import { SYSTEM } from "@/lib/actor";
import { createAssessment } from "@/db/queries/assessments";
import { makeCourse } from "../support/academy";

const ROOT = join(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "markbook-backup-"));
const livePath = process.env.DATABASE_URL!.slice("file:".length);

function open(path: string): Client {
  return createClient({ url: `file:${path}`, timeout: 5000 });
}

function canonical(v: unknown): string {
  if (v === null) return "n";
  if (typeof v === "bigint") return `i${v}`;
  if (typeof v === "number") return `f${v}`;
  if (typeof v === "string") return `s${v.length}:${v}`;
  if (v instanceof ArrayBuffer) return `b${Buffer.from(v).toString("hex")}`;
  return `?${String(v)}`;
}

async function tableNames(c: Client): Promise<string[]> {
  return (await c.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")).rows.map((r) => String(r.name));
}

/** A hash of every row (rowid and all columns) in rowid order, optionally up to a rowid and leaving some rows out. */
async function tableHash(c: Client, table: string, opts: { upTo?: number; skip?: { sql: string; args: InValue[] } } = {}) {
  const where = [opts.upTo !== undefined ? `rowid <= ${opts.upTo}` : "1", opts.skip ? `not (${opts.skip.sql})` : "1"].join(" and ");
  const rs = await c.execute({ sql: `select rowid as "__rowid", * from "${table}" where ${where} order by rowid`, args: opts.skip?.args ?? [] });
  const h = createHash("sha256");
  h.update(rs.columns.join(",") + "\n");
  for (const row of rs.rows) {
    for (let i = 0; i < rs.columns.length; i++) h.update(canonical(row[i]) + "\u0001");
    h.update("\n");
  }
  return { rows: rs.rows.length, hash: h.digest("hex") };
}

async function allHashes(c: Client) {
  const out: Record<string, { rows: number; hash: string }> = {};
  for (const t of await tableNames(c)) out[t] = await tableHash(c, t);
  return out;
}

async function scalar(c: Client, sql: string, args: InValue[] = []): Promise<number> {
  return Number((await c.execute({ sql, args })).rows[0][0] ?? 0);
}

// A process that keeps a database open until its stdin closes.
const HOLDER = `
const { createClient } = require(process.argv[1]);
(async () => {
  const c = createClient({ url: "file:" + process.argv[2] });
  await c.execute("PRAGMA journal_mode=WAL");
  await c.execute("select count(*) from users");
  console.log("ready");
  process.stdin.resume();
  process.stdin.on("end", () => process.exit(0));
})();`;

const fileHash = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

let live: Client;
let writer: ChildProcess | null = null;
let world: { assessmentId: number; candidateId: number; courseId: number };

beforeAll(async () => {
  const { course, candidates } = await makeCourse({ candidates: 3 });
  // Unpublished: the writer's changing mark moves no result, so no alert or task comes and goes.
  const w = await createAssessment(SYSTEM, course.id, { name: "Writer", kind: "quiz", maxScore: 10, weight: 10, published: false, dueOn: "2026-02-01" });
  world = { assessmentId: w.id, candidateId: candidates[0].id, courseId: course.id };
  live = open(livePath);
  // ~10 MB of history, so the copy takes long enough for the writer to commit during it.
  const pad = "x".repeat(1000);
  const tx = await live.transaction("write");
  for (let i = 0; i < 10_000; i += 500) {
    const values = Array.from({ length: 500 }, (_, j) => `('filler', 'audit', '${i + j}', '{"pad":"${pad}"}', ${Date.now()})`).join(",");
    await tx.execute(`insert into audit_events (action, entity, entity_id, after, at) values ${values}`);
  }
  await tx.commit();
});

afterAll(() => {
  writer?.kill("SIGKILL");
  live?.close();
});

function startWriter(): Promise<void> {
  writer = spawn(
    join(ROOT, "node_modules", ".bin", "tsx"),
    ["--import", "./scripts/register.mjs", "tests/support/backup-writer.ts", String(world.assessmentId), String(world.candidateId)],
    {
      cwd: ROOT,
      env: process.env,
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: writer!.stdout! }).on("line", (l) => {
      if (l === "ready") resolve();
    });
    writer!.on("exit", (code) => reject(new Error(`writer exited early (${code})`)));
  });
}

async function stopWriter(): Promise<void> {
  const w = writer!;
  const exited = new Promise<void>((r) => w.on("exit", () => r()));
  w.stdin!.write("stop\n");
  await exited;
  writer = null;
}

const writes = (c: Client) => scalar(c, "select count(*) from institutions where name like 'Writer %'");

describe("db:backup and db:restore", () => {
  const backupFile = join(dir, "backups", "markbook-test.db");
  const restoredPath = join(dir, "restored", "markbook.db");

  it("backs up a consistent snapshot while another process keeps writing", async () => {
    await startWriter();
    while ((await writes(live)) < 5) await new Promise((r) => setTimeout(r, 20));

    const source = open(livePath);
    const before = await writes(live);
    const result = await backupDatabase(source, backupFile);
    const after = await writes(live);
    source.close();
    while ((await writes(live)) < after + 5) await new Promise((r) => setTimeout(r, 20));
    await stopWriter();
    const final = await writes(live);

    // The writer really wrote while the copy was taken, and the copy is one moment of it.
    expect(after, "writes committed during the backup").toBeGreaterThan(before);
    const b = open(backupFile);
    try {
      expect((await b.execute("PRAGMA integrity_check")).rows.map((r) => r[0])).toEqual(["ok"]);
      expect((await b.execute("PRAGMA foreign_key_check")).rows).toEqual([]);
      const k = await writes(b);
      expect(k).toBeGreaterThanOrEqual(before);
      expect(k).toBeLessThanOrEqual(after);
      expect(k).toBeLessThan(final);
      expect(result.counts.institutions).toBe(await scalar(b, "select count(*) from institutions"));

      // Each writer transaction is wholly in or wholly out: names 1..k, the mark at version k, k history rows, 2k audit events.
      const names = (await b.execute("select name from institutions where name like 'Writer %' order by id")).rows.map((r) => String(r.name));
      expect(names).toEqual(Array.from({ length: k }, (_, i) => `Writer ${i + 1}`));
      const [mark] = (
        await b.execute({
          sql: "select id, score, version from marks where assessment_id = ? and candidate_id = ?",
          args: [world.assessmentId, world.candidateId],
        })
      ).rows;
      expect({ score: Number(mark.score), version: Number(mark.version) }).toEqual({ score: k % 10, version: k });
      expect(await scalar(b, "select count(*) from mark_changes where mark_id = ?", [mark.id])).toBe(k);
      expect(await scalar(b, "select count(*) from audit_events where entity = 'mark' and entity_id = ?", [String(mark.id)])).toBe(k);
      expect(
        await scalar(
          b,
          "select count(*) from audit_events where entity = 'institution' and entity_id in (select cast(id as text) from institutions where name like 'Writer %')",
        ),
      ).toBe(k);

      // Every table equals the live database as it was at that moment: the rows up to the
      // backup's last rowid (later ones are the writer's), except the two rows it updates in place.
      const inPlace: Record<string, { sql: string; args: InValue[] }> = {
        marks: { sql: "id = ?", args: [mark.id] },
        course_results: { sql: "candidate_id = ? and course_id = ?", args: [world.candidateId, world.courseId] },
      };
      const appendedByWriter = new Set(["institutions", "audit_events", "mark_changes", "marks"]);
      const tables = await tableNames(live);
      expect(await tableNames(b)).toEqual(tables);
      for (const t of tables) {
        const upTo = await scalar(b, `select ifnull(max(rowid), 0) from "${t}"`);
        const mine = await tableHash(b, t, { skip: inPlace[t] });
        const theirs = await tableHash(live, t, { upTo, skip: inPlace[t] });
        expect(mine, t).toEqual(theirs);
        expect(result.counts[t], t).toBe(await scalar(b, `select count(*) from "${t}"`));
        if (!appendedByWriter.has(t))
          expect(await scalar(live, `select count(*) from "${t}"`), `${t}: no rows after the backup`).toBe(await scalar(b, `select count(*) from "${t}"`));
      }
    } finally {
      b.close();
    }
  }, 60_000);

  it("restores to a new path: the same rows, table by table", async () => {
    const out = await restoreDatabase(backupFile, restoredPath);
    expect(out.previous).toBeNull();
    expect(readdirSync(join(dir, "restored")).sort()).toEqual(["markbook.db"]);
    const b = open(backupFile);
    const r = open(restoredPath);
    try {
      expect((await r.execute("PRAGMA integrity_check")).rows.map((x) => x[0])).toEqual(["ok"]);
      expect(await allHashes(r)).toEqual(await allHashes(b));
      expect(out.counts).toEqual(await tableCounts(b));
    } finally {
      b.close();
      r.close();
    }
  });

  it("keeps the database it replaces, with the pages only its -wal holds, as <db>.before-restore-<timestamp>", async () => {
    // What a server killed mid-work leaves: the file plus a -wal holding its last commits.
    const crashed = join(dir, "crashed", "markbook.db");
    mkdirSync(dirname(crashed));
    const r = open(restoredPath);
    expect(String((await r.execute("PRAGMA journal_mode=WAL")).rows[0][0])).toBe("wal");
    await r.execute("PRAGMA wal_autocheckpoint=0");
    await r.execute("insert into institutions (name, created_at, updated_at) values ('Only in the -wal', 0, 0)");
    const changed = await allHashes(r);
    copyFileSync(restoredPath, crashed);
    copyFileSync(`${restoredPath}-wal`, `${crashed}-wal`);
    r.close();

    const out = await restoreDatabase(backupFile, crashed, new Date("2026-11-24T10:00:00Z"));
    expect(out.previous).toBe(`${crashed}.before-restore-2026-11-24T10-00-00Z`);
    expect(readdirSync(dirname(crashed)).filter((f) => f.startsWith("markbook.db-"))).toEqual([]);
    const kept = open(out.previous!);
    const now = open(crashed);
    const b = open(backupFile);
    try {
      expect(await allHashes(kept)).toEqual(changed);
      expect(await scalar(kept, "select count(*) from institutions where name = 'Only in the -wal'")).toBe(1);
      expect(await allHashes(now)).toEqual(await allHashes(b));
    } finally {
      kept.close();
      now.close();
      b.close();
    }
  });

  it("refuses files that are not whole Markbook databases, and changes nothing", async () => {
    const target = restoredPath;
    const before = fileHash(target);
    const listing = readdirSync(join(dir, "restored")).sort();

    const text = join(dir, "notes.txt");
    writeFileSync(text, "candidate,score\nA,1\n");
    await expect(restoreDatabase(text, target)).rejects.toThrow(/not a Markbook database \(not an SQLite file\)/);

    const other = join(dir, "other.db");
    const o = open(other);
    await o.execute("create table things (a)");
    o.close();
    await expect(restoreDatabase(other, target)).rejects.toThrow(/not a Markbook database \(it has no migrations table\)/);

    // A copy damaged in the middle: its header is fine, its pages are not.
    const damaged = join(dir, "damaged.db");
    const bytes = readFileSync(backupFile);
    for (let i = Math.floor(bytes.length / 2); i < Math.floor(bytes.length / 2) + 64 * 1024; i++) bytes[i] = (bytes[i] * 31 + 7) & 0xff;
    writeFileSync(damaged, bytes);
    await expect(restoreDatabase(damaged, target)).rejects.toThrow(BackupError);
    await expect(restoreDatabase(damaged, target)).rejects.toThrow(/Nothing was changed/);

    await expect(restoreDatabase(join(dir, "missing.db"), target)).rejects.toThrow(/No backup file/);

    expect(fileHash(target)).toBe(before);
    expect(readdirSync(join(dir, "restored")).sort()).toEqual(listing);
  });

  it("refuses while another process has the database open", async () => {
    // As a server holds it: WAL mode (its migrations set it at start), open and idle.
    const holder = spawn(process.execPath, ["-e", HOLDER, createRequire(import.meta.url).resolve("@libsql/client"), restoredPath], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: holder.stdout! }).on("line", (l) => l === "ready" && resolve());
      holder.on("exit", (code) => reject(new Error(`holder exited (${code})`)));
    });
    try {
      const before = fileHash(restoredPath);
      await expect(restoreDatabase(backupFile, restoredPath)).rejects.toThrow(/in use by another process \(is the server running\?\)/);
      expect(fileHash(restoredPath)).toBe(before);
      expect(readdirSync(dirname(restoredPath)).filter((f) => f.includes("restore"))).toEqual([]);
    } finally {
      holder.stdin!.end();
      await new Promise((r) => holder.on("exit", r));
    }
  });

  it("never overwrites a file, and sends a libSQL server to its host's backups", async () => {
    const source = open(livePath);
    try {
      await expect(backupDatabase(source, backupFile)).rejects.toThrow(/already exists/);
    } finally {
      source.close();
    }
    const remote = { protocol: "https" } as Client;
    await expect(backupDatabase(remote, join(dir, "remote.db"))).rejects.toThrow(/turso db shell/);
    expect(existsSync(join(dir, "remote.db"))).toBe(false);
  });
});
