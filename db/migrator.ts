import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Client, InStatement } from "@libsql/client";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { hashToken } from "@/lib/auth/tokens";
import { redactTokens } from "@/lib/email/personal-link";

export const MIGRATIONS_FOLDER = join(process.cwd(), "db", "migrations");

/** Applies pending migrations; safe to run at every start and from several processes. */
export async function runMigrations(client: Client): Promise<void> {
  // WAL persists in the file, so setting it once is enough; a libSQL server manages its own journal.
  // (The client tells its kind by `protocol`: "file" for the embedded database.)
  if (client.protocol === "file") {
    await client.execute("PRAGMA journal_mode=WAL");
  }
  await applyPending(client, MIGRATIONS_FOLDER);
  await redactLoggedTokens(client);
}

const MIGRATIONS_TABLE = "__drizzle_migrations";

/**
 * Applies every migration of the journal that this database has not had, each in its own
 * transaction, in the journal's order; returns the tags applied.
 *
 * Drizzle's own migrator applies only the migrations whose `when` is later than the newest
 * one recorded, so a migration whose `when` is earlier than its predecessor's (0004's is
 * earlier than 0003's) was silently skipped on a database that already had 0003. Here a
 * migration counts as applied when a row records its `when` or its file's hash, and the
 * table keeps drizzle's layout, so drizzle-kit and older databases read it as before.
 *
 * Several processes may start at once: the row of a migration is written first in its
 * transaction, under a unique index on `created_at`, so a second process applying the same
 * migration fails on that row before any of its statements, rolls back, and finds it applied.
 */
export async function applyPending(client: Client, folder: string): Promise<string[]> {
  await client.execute(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
  await client.execute(`CREATE UNIQUE INDEX IF NOT EXISTS ${MIGRATIONS_TABLE}_created_at_unique ON ${MIGRATIONS_TABLE} (created_at)`);
  const journal = (JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string; when: number }[] }).entries;
  const files = readMigrationFiles({ migrationsFolder: folder });
  const applied: string[] = [];
  for (const [i, m] of files.entries()) {
    const isApplied = async () => {
      const r = await client.execute({ sql: `SELECT 1 FROM ${MIGRATIONS_TABLE} WHERE created_at = ? OR hash = ? LIMIT 1`, args: [m.folderMillis, m.hash] });
      return r.rows.length > 0;
    };
    if (await isApplied()) continue;
    const statements = m.sql.map((s) => s.trim()).filter(Boolean);
    try {
      // client.migrate: one transaction with foreign keys off, as drizzle runs migrations.
      await client.migrate([{ sql: `INSERT INTO ${MIGRATIONS_TABLE} ("hash", "created_at") VALUES (?, ?)`, args: [m.hash, m.folderMillis] }, ...statements]);
    } catch (e) {
      if (await isApplied()) continue; // another process applied it meanwhile
      throw new Error(`Migration ${journal[i]?.tag ?? i} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    applied.push(journal[i]?.tag ?? String(i));
  }
  return applied;
}

// Data steps run once per database, recorded beside the scheduled jobs' periods.
const REDACT_STEP = { name: "data-migration", period: "0002-redact-email-links" };

/**
 * Messages logged before personal links were kept out of the log (migration 0002) hold usable
 * tokens. Rewrites them once with the placeholder and ties each to the link its token opens,
 * so a failed one can still be retried with a freshly minted token. The links themselves keep
 * working for whoever received them. On the embedded file the old bytes are zeroed and the
 * WAL emptied, so neither the file nor a backup taken after the upgrade holds a usable link.
 */
export async function redactLoggedTokens(client: Client, batchSize = 200): Promise<number> {
  const done = await client.execute({ sql: "select 1 from job_runs where name = ? and period_key = ?", args: [REDACT_STEP.name, REDACT_STEP.period] });
  if (done.rows.length) return 0;
  const file = client.protocol === "file";
  let changed = 0;
  let after = 0;
  for (;;) {
    // Only rows that could hold a token-bearing link: the rest are never read in full.
    const rows = await client.execute({
      sql: `select id, html, text, access_link_id, user_token_id from email_messages
            where id > ? and (instr(html, '/r/') or instr(html, '/invite/') or instr(html, '/reset-password/')
              or instr(text, '/r/') or instr(text, '/invite/') or instr(text, '/reset-password/'))
            order by id limit ?`,
      args: [after, batchSize],
    });
    if (!rows.rows.length) break;
    const updates: InStatement[] = [];
    for (const row of rows.rows) {
      after = Number(row.id);
      const html = redactTokens(String(row.html));
      const text = redactTokens(String(row.text));
      const found = [...html.found, ...text.found];
      if (!found.length) continue;
      const hashes = (kind: "accessLink" | "userToken") => [...new Set(found.filter((f) => f.kind === kind).map((f) => hashToken(f.token)))];
      const linkOf = async (table: "access_links" | "user_tokens", list: string[]) => {
        if (list.length !== 1) return null;
        const r = await client.execute({ sql: `select id from ${table} where token_hash = ?`, args: [list[0]] });
        return r.rows.length ? Number(r.rows[0].id) : null;
      };
      const accessLinkId = row.access_link_id !== null ? Number(row.access_link_id) : await linkOf("access_links", hashes("accessLink"));
      const userTokenId = row.user_token_id !== null ? Number(row.user_token_id) : await linkOf("user_tokens", hashes("userToken"));
      updates.push({
        sql: "update email_messages set html = ?, text = ?, access_link_id = ?, user_token_id = ? where id = ?",
        args: [html.body, text.body, accessLinkId, userTokenId, after],
      });
    }
    if (updates.length) {
      // secure_delete zeroes the space the old bodies leave, instead of leaving their bytes in free pages.
      await client.batch([...(file ? ["PRAGMA secure_delete = ON"] : []), ...updates], "write");
      changed += updates.length;
    }
  }
  if (changed && file) await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  await client.execute({
    sql: "insert into job_runs (name, period_key, result, created_at, updated_at) values (?, ?, ?, ?, ?) on conflict do nothing",
    args: [REDACT_STEP.name, REDACT_STEP.period, JSON.stringify({ redacted: changed }), Date.now(), Date.now()],
  });
  return changed;
}
