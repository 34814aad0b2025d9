// `npm run db:backup [file]`: a consistent copy of the database, safe while the app is
// writing (VACUUM INTO reads one snapshot). Default: data/backups/markbook-<timestamp>.db.
import { isAbsolute, relative } from "node:path";
import { loadEnv } from "./load-env";
loadEnv(false);

const { BackupError, backupDatabase, databasePath, defaultBackupPath, REMOTE_BACKUP_MESSAGE } = await import("@/db/backup");
const { env } = await import("@/lib/env");
const { createClient } = await import("@libsql/client");

const arg = process.argv[2];
if (arg === "--help" || arg === "-h") {
  console.log("Usage: npm run db:backup [file]   (default data/backups/markbook-<timestamp>.db)");
  process.exit(0);
}
if (!databasePath(env.DATABASE_URL)) {
  console.error(REMOTE_BACKUP_MESSAGE);
  process.exit(2);
}

const client = createClient({ url: env.DATABASE_URL, timeout: 5000 });
try {
  const out = await backupDatabase(client, arg ?? defaultBackupPath());
  console.log(`Backed up ${env.DATABASE_URL} in ${(out.ms / 1000).toFixed(1)} s`);
  console.log(`  file: ${rel(out.file)}`);
  console.log(`  size: ${formatBytes(out.bytes)}`);
  printCounts(out.counts);
  console.log(`Restore it with: npm run db:restore ${rel(out.file)}`);
} catch (e) {
  console.error(e instanceof BackupError ? e.message : `Backup failed: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  client.close();
}

/** Relative to here when inside it, else absolute. */
function rel(p: string) {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith("..") && !isAbsolute(r) ? r : p;
}

function formatBytes(n: number) {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}

function printCounts(counts: Record<string, number>) {
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  console.log("  rows:");
  for (const [table, n] of Object.entries(counts)) console.log(`    ${table.padEnd(width)}  ${n.toLocaleString("en-IN")}`);
}
