// Starts the production build on its own fresh database for the end-to-end tests.
//   --port N   --db path   [--seed]   (the demo institution)
import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { port: { type: "string" }, db: { type: "string" }, seed: { type: "boolean", default: false } } });
const port = values.port ?? "3100";
const dbPath = values.db ?? "data/e2e.db";
for (const suffix of ["", "-wal", "-shm"]) rmSync(dbPath + suffix, { force: true });
// Each server's own mail drop beside its database (the specs read delivered links from it).
const outboxDir = `${dbPath}.outbox`;
rmSync(outboxDir, { recursive: true, force: true });

process.env.DATABASE_URL = `file:${dbPath}`;
process.env.AUTH_SECRET ??= "e2e-secret-e2e-secret-e2e-secret-e2e-secret";
process.env.AUTH_TRUST_HOST = "true";
process.env.APP_URL = `http://localhost:${port}`;
process.env.CRON_SECRET ??= "e2e-cron-secret";
process.env.RESEND_API_KEY = "";
process.env.OUTBOX_DIR = outboxDir;

const { client } = await import("@/db/client");
const { runMigrations } = await import("@/db/migrator");
await runMigrations(client);
if (values.seed) {
  const { seedDemo } = await import("@/db/seed/demo");
  const { seedE2E } = await import("@/tests/e2e/fixtures/seed");
  await seedDemo();
  // Beside the database: what the specs need from the seed (see fixtures/seed.ts).
  writeFileSync(`${dbPath}.facts.json`, JSON.stringify(await seedE2E()));
}
client.close();

// Markbook's own server, as `npm start` runs it (the client's address from the socket).
const server = spawn(process.execPath, [fileURLToPath(new URL("../server.mjs", import.meta.url)), "--port", port], { stdio: "inherit", env: process.env });
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
