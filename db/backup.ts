// Backups and restores of the embedded database file. No `server-only` marker and no
// db/client import: the CLIs (npm run db:backup / db:restore) and tests call this with
// their own connections, and a restore must never open the app's shared clients.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { createClient, type Client } from "@libsql/client";

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

export const REMOTE_BACKUP_MESSAGE =
  "This database is on a libSQL server, not in a local file. Back it up where it is hosted: " +
  "your provider's backups or point-in-time restore, or `turso db shell <name> .dump > backup.sql` for Turso " +
  "(for a self-hosted sqld, copy its data directory while it is stopped).";

export type TableCounts = Record<string, number>;

/** The file behind a `file:` URL, or null for a libSQL server. */
export function databasePath(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  const path = url.slice("file:".length).split("?")[0];
  return path && path !== ":memory:" ? resolve(path) : null;
}

/** `data/backups/markbook-2026-11-24T11-33-05Z.db`: sorts by time, safe in every file system. */
export function defaultBackupPath(now = new Date(), dir = "data/backups"): string {
  return join(dir, `markbook-${stamp(now)}.db`);
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-");
}

/** Row counts of every table, by name (SQLite's own tables left out). */
export async function tableCounts(client: Client): Promise<TableCounts> {
  const tables = await client.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name");
  const out: TableCounts = {};
  for (const r of tables.rows) {
    const name = String(r.name);
    const c = await client.execute(`select count(*) as n from "${name.replace(/"/g, '""')}"`);
    out[name] = Number(c.rows[0].n);
  }
  return out;
}

export type BackupResult = { file: string; bytes: number; counts: TableCounts; ms: number };

/**
 * A consistent copy of the database while writes go on: `VACUUM INTO` reads one snapshot
 * (a WAL read transaction, so writers are never blocked) into a new, compacted file. The copy
 * is written under a temporary name and checked before it takes its real name, so a file
 * named like a backup is always a whole one. An existing file is never overwritten.
 */
export async function backupDatabase(client: Client, file: string): Promise<BackupResult> {
  if (client.protocol !== "file") throw new BackupError(REMOTE_BACKUP_MESSAGE);
  const target = resolve(file);
  if (existsSync(target)) throw new BackupError(`${file} already exists; choose another name (a backup never overwrites a file).`);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  removeDatabaseFiles(partial);
  const started = performance.now();
  let counts: TableCounts;
  try {
    await client.execute({ sql: "VACUUM INTO ?", args: [partial] });
    ({ counts } = await checkDatabaseFile(partial));
    if (existsSync(`${partial}-wal`) && statSync(`${partial}-wal`).size > 0)
      throw new BackupError("The copy could not be closed cleanly; no backup was written.");
    rmSync(`${partial}-wal`, { force: true });
    rmSync(`${partial}-shm`, { force: true });
    renameSync(partial, target);
  } catch (e) {
    removeDatabaseFiles(partial);
    throw e;
  }
  return { file: target, bytes: statSync(target).size, counts, ms: performance.now() - started };
}

export type RestoreResult = { target: string; previous: string | null; counts: TableCounts };

/**
 * Replaces the database file at `targetPath` with the backup `file`. The backup is copied
 * and checked first (integrity, a Markbook schema no newer than this code) and rewritten as
 * one self-contained file; the current database, with its -wal, is kept beside it as
 * `<db>.before-restore-<timestamp>` so nothing is ever lost. Refuses while any process has
 * the database open (a running server). The app sets WAL mode again when it next starts.
 */
export async function restoreDatabase(file: string, targetPath: string, now = new Date()): Promise<RestoreResult> {
  const source = resolve(file);
  const target = resolve(targetPath);
  if (!existsSync(source) || !statSync(source).isFile()) throw new BackupError(`No backup file at ${file}.`);
  if (source === target) throw new BackupError("That file is the database itself; choose a backup file.");
  if (!hasSqliteHeader(source)) throw new BackupError(`${file} is not a Markbook database (not an SQLite file). Nothing was changed.`);

  mkdirSync(dirname(target), { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
  // The backup itself is never opened (opening a file can write beside it): a copy is.
  const staged = `${target}.restore-check-${tag}`;
  const incoming = `${target}.restore-${tag}`;
  let counts: TableCounts;
  try {
    copyFileSync(source, staged);
    // A copy taken from a live file may carry its newest pages in -wal: take them too.
    if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${staged}-wal`);
    ({ counts } = await checkDatabaseFile(staged, { name: file }));
    // One file with everything in it, whatever the backup's journal mode: no -wal to lose on the way.
    const c = createClient({ url: `file:${staged}`, timeout: 5000 });
    try {
      await c.execute({ sql: "VACUUM INTO ?", args: [incoming] });
    } finally {
      c.close();
    }
    if (existsSync(target)) assertNotInUse(target);
  } catch (e) {
    removeDatabaseFiles(incoming);
    if (e instanceof BackupError) throw e;
    throw new BackupError(`${file} could not be read as a Markbook database (${(e as Error).message}). Nothing was changed.`);
  } finally {
    removeDatabaseFiles(staged);
  }

  let previous: string | null = null;
  if (existsSync(target)) {
    previous = `${target}.before-restore-${stamp(now)}`;
    // The file and its -wal move together: SQLite reads the pair, so the old database opens as it was.
    for (const s of ["", "-wal", "-shm"]) if (existsSync(target + s)) renameSync(target + s, previous + s);
  }
  renameSync(incoming, target);
  return { target, previous, counts };
}

/**
 * Opens a database file and checks it is whole and Markbook's: `PRAGMA integrity_check`
 * says ok, the migrations table is there, and no migration is newer than this code knows.
 */
export async function checkDatabaseFile(path: string, opts: { name?: string } = {}): Promise<{ counts: TableCounts }> {
  const name = opts.name ?? path;
  const c = createClient({ url: `file:${path}`, timeout: 5000 });
  try {
    const integrity = await c.execute("PRAGMA integrity_check");
    const problems = integrity.rows.map((r) => String(r[0])).filter((m) => m !== "ok");
    if (problems.length || integrity.rows.length === 0)
      throw new BackupError(`${name} fails its integrity check: ${problems.slice(0, 3).join("; ") || "no answer"}. Nothing was changed.`);
    const tables = new Set((await c.execute("select name from sqlite_master where type = 'table'")).rows.map((r) => String(r.name)));
    if (!tables.has("__drizzle_migrations") || !tables.has("users"))
      throw new BackupError(`${name} is not a Markbook database (it has no migrations table). Nothing was changed.`);
    const newest = Number((await c.execute("select max(created_at) as t from __drizzle_migrations")).rows[0].t ?? 0);
    if (!newest) throw new BackupError(`${name} is not a Markbook database (no migration was ever applied). Nothing was changed.`);
    if (newest > newestKnownMigration())
      throw new BackupError(`${name} was made by a newer version of Markbook than this one; update the code first. Nothing was changed.`);
    return { counts: await tableCounts(c) };
  } finally {
    c.close();
  }
}

// Run in a child process: a closed libSQL connection lets go of its file locks only when its
// statements are garbage-collected, and an exclusive lock left behind here would lock out the
// server that opens the restored database next.
const IN_USE_CHECK = `
const { createClient } = require(process.argv[1]);
(async () => {
  const c = createClient({ url: "file:" + process.argv[2], timeout: 200 });
  try {
    await c.execute("PRAGMA locking_mode=EXCLUSIVE");
    await c.execute("select count(*) from sqlite_master");
    process.exit(0);
  } catch (e) {
    process.exit(/BUSY|LOCKED/.test(String(e.code)) || /database is locked/i.test(String(e.message)) ? 3 : 0);
  }
})();`;

/**
 * Every connection to a WAL database holds a shared lock on it while open; asking for the
 * file exclusively fails while any other process (a server, a job) has it open. An
 * unreadable file (maybe why you are restoring) counts as not in use: it is kept aside.
 */
export function assertNotInUse(path: string): void {
  const libsql = createRequire(import.meta.url).resolve("@libsql/client");
  const r = spawnSync(process.execPath, ["-e", IN_USE_CHECK, libsql, path], { stdio: ["ignore", "ignore", "pipe"], timeout: 30_000 });
  if (r.status === 3)
    throw new BackupError(`${path} is in use by another process (is the server running?). Stop it and run the restore again. Nothing was changed.`);
  if (r.status !== 0)
    throw new BackupError(
      `Could not check whether ${path} is in use (${r.error?.message ?? r.stderr.toString().trim().split("\n").pop()}). Nothing was changed.`,
    );
}

function newestKnownMigration(): number {
  const journal = JSON.parse(readFileSync(join(process.cwd(), "db", "migrations", "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(16);
    return readSync(fd, buf, 0, 16, 0) === 16 && buf.toString("latin1") === "SQLite format 3\0";
  } finally {
    closeSync(fd);
  }
}

function removeDatabaseFiles(path: string) {
  for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(path + s, { force: true });
}
