// `npm run db:restore <file>`: replace the database with a backup. The backup is checked
// first; the current database is kept as <db>.before-restore-<timestamp>. Refuses while a
// server (or any process) has the database open.
import { isAbsolute, relative } from "node:path";
import { loadEnv } from "./load-env";
loadEnv(false);

const { BackupError, databasePath, restoreDatabase } = await import("@/db/backup");
const { env } = await import("@/lib/env");

const file = process.argv[2];
if (!file || file.startsWith("-")) {
  console.error("Usage: npm run db:restore <backup file>   (see data/backups/)");
  process.exit(2);
}
const target = databasePath(env.DATABASE_URL);
if (!target) {
  console.error(
    `DATABASE_URL is a libSQL server (${env.DATABASE_URL}); restore it where it is hosted (your provider's restore, or \`turso db shell <name> < backup.sql\`).`,
  );
  process.exit(2);
}

const rel = (p: string) => {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith("..") && !isAbsolute(r) ? r : p;
};
try {
  const out = await restoreDatabase(file, target);
  console.log(`Restored ${rel(file)} into ${rel(out.target)}`);
  if (out.previous) console.log(`  the database it replaced is kept as ${rel(out.previous)}`);
  const width = Math.max(...Object.keys(out.counts).map((k) => k.length));
  console.log("  rows:");
  for (const [table, n] of Object.entries(out.counts)) console.log(`    ${table.padEnd(width)}  ${n.toLocaleString("en-IN")}`);
  console.log("Start the server again; pending migrations run when it starts.");
} catch (e) {
  console.error(e instanceof BackupError ? e.message : `Restore failed: ${(e as Error).message}`);
  process.exitCode = 1;
}
