// `npm run job -- <name>`: run one scheduled job now (see README for the crontab).
import { loadEnv } from "./load-env";
loadEnv(false);

const name = process.argv[2];
const { JOBS, isJob, runJob } = await import("@/lib/jobs");
if (!name || !isJob(name)) {
  console.error(`Usage: npm run job -- <${Object.keys(JOBS).join(" | ")}>`);
  process.exit(2);
}
const { client } = await import("@/db/client");
const { runMigrations } = await import("@/db/migrator");
await runMigrations(client);
const t = Date.now();
const result = await runJob(name);
console.log(JSON.stringify({ job: name, ms: Date.now() - t, result }));
client.close();
