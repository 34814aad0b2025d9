// `npm run db:migrate`: apply pending migrations to DATABASE_URL.
import { loadEnv } from "@/scripts/load-env";
loadEnv();

const { openClient } = await import("./client");
const { runMigrations } = await import("./migrator");
const { env } = await import("@/lib/env");

const client = openClient();
await runMigrations(client);
client.close();
console.log(`Database migrated: ${env.DATABASE_URL}`);
