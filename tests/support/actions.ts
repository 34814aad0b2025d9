import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Client } from "@libsql/client";
import type { WrappedAction } from "@/lib/action";

const ROOT = join(__dirname, "..", "..");

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name === "actions.ts") out.push(p);
  }
  return out;
}

export type FoundAction = { file: string; name: string; fn: WrappedAction<unknown, unknown> | unknown };

/** Every exported server action in app/, found from the code so none can be forgotten. */
export async function findAllActions(): Promise<FoundAction[]> {
  const found: FoundAction[] = [];
  for (const file of walk(join(ROOT, "app")).sort()) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) found.push({ file: relative(ROOT, file), name, fn });
  }
  return found;
}

/** Row counts of every table: equal before and after means nothing was written. */
export async function tableChecksum(): Promise<Record<string, number>> {
  const { client } = await import("@/db/client");
  const tables = await client.execute(
    "select name from sqlite_master where type='table' and name not like 'sqlite_%' and name not in ('rate_limits', '__drizzle_migrations')",
  );
  const out: Record<string, number> = {};
  for (const r of tables.rows) {
    const name = String(r.name);
    const c = await client.execute(`select count(*) as n from "${name}"`);
    out[name] = Number(c.rows[0].n);
  }
  return out;
}

// Rate-limit counters move on every attempt, accepted or not; the migrations table is the migrator's own.
const UNCHECKED = ["rate_limits", "__drizzle_migrations"];

function canonical(v: unknown): string {
  if (v === null) return "n";
  if (typeof v === "bigint") return `i${v}`;
  if (typeof v === "number") return Object.is(v, -0) ? "f-0" : `f${v}`;
  if (typeof v === "string") return `s${v.length}:${v}`;
  if (v instanceof ArrayBuffer) return `b${Buffer.from(v).toString("hex")}`;
  return `?${String(v)}`;
}

// A connection of its own that never writes: its `PRAGMA data_version` moves only when another
// connection commits, so an unchanged version means the last hash still holds.
let probe: { client: Client; version: unknown; sums: Record<string, string> } | undefined;

/**
 * A hash of every row of every table (content, not just counts): equal before and after
 * means nothing at all was written. Per table, so a difference names the table.
 */
export async function databaseChecksum(): Promise<Record<string, string>> {
  if (!probe) {
    const { openClient } = await import("@/db/client");
    probe = { client: openClient(), version: undefined, sums: {} };
  }
  const c = probe.client;
  const version = (await c.execute("pragma data_version")).rows[0][0];
  if (version === probe.version) return { ...probe.sums };
  const tables = await c.execute(
    `select name from sqlite_master where type='table' and name not like 'sqlite_%' and name not in (${UNCHECKED.map((t) => `'${t}'`).join(", ")}) order by name`,
  );
  const out: Record<string, string> = {};
  for (const r of tables.rows) {
    const name = String(r.name);
    const rows = await c.execute(`select * from "${name}" order by rowid`);
    const h = createHash("sha256");
    h.update(rows.columns.join(",") + "\n");
    for (const row of rows.rows) {
      for (let i = 0; i < rows.columns.length; i++) h.update(canonical(row[i]) + "\u0001");
      h.update("\n");
    }
    out[name] = `${rows.rows.length}:${h.digest("hex").slice(0, 16)}`;
  }
  probe.version = version;
  probe.sums = out;
  return { ...out };
}

/** Rows whose foreign keys point at nothing (`PRAGMA foreign_key_check`): none, always. */
export async function danglingReferences(): Promise<string[]> {
  const { client } = await import("@/db/client");
  const r = await client.execute("pragma foreign_key_check");
  return r.rows.map((row) => `${row.table}#${row.rowid} → ${row.parent}`);
}
