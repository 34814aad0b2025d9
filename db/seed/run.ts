// `npm run db:seed`: migrate, then seed the demo institution if the database is empty.
import { loadEnv } from "@/scripts/load-env";
loadEnv();

const { client } = await import("@/db/client");
const { runMigrations } = await import("@/db/migrator");
const { isEmpty, seedDemo } = await import("./demo");

await runMigrations(client);
if (await isEmpty()) {
  const started = Date.now();
  await seedDemo((m) => console.log(`  seeded ${m}`));
  console.log(`Demo institution seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} else {
  console.log("Database already has data: seeding skipped, nothing changed.");
}
client.close();
