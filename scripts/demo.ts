// `npm run demo`: everything a newcomer needs, from a fresh clone to a running Markbook.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { prepareEnv } from "./prepare-env";
import { loadEnv } from "./load-env";

const added = prepareEnv();
if (added.length) console.log(`• .env.local written (${added.join(", ")})`);
loadEnv(false);

const { client } = await import("@/db/client");
const { runMigrations } = await import("@/db/migrator");
const { env } = await import("@/lib/env");
const { isEmpty, seedDemo, DEMO_SIGN_INS, DEMO_PASSWORD } = await import("@/db/seed/demo");

await runMigrations(client);
console.log(`• Database ready: ${env.DATABASE_URL}`);
if (await isEmpty()) {
  console.log("• Seeding the demo institution…");
  const t = Date.now();
  await seedDemo((m) => console.log(`    ${m}`));
  console.log(`  done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
} else {
  console.log("• Existing data kept (the demo seeds only an empty database)");
}
client.close();

const port = process.env.PORT ?? "3000";
if (!process.argv.includes("--no-build")) {
  console.log("• Building (next build)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(`• Starting on http://localhost:${port}`);
// Markbook's own server (what `npm start` runs): the client's address from the connection.
const server = spawn(process.execPath, [fileURLToPath(new URL("../server.mjs", import.meta.url)), "--port", port], {
  stdio: ["inherit", "pipe", "inherit"],
  env: process.env,
});
let announced = false;
server.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /Ready|started server|Local:/i.test(chunk.toString())) {
    announced = true;
    console.log(`\nMarkbook is running at http://localhost:${port}\n\nDemo sign-ins (password: ${DEMO_PASSWORD})`);
    for (const s of DEMO_SIGN_INS) console.log(`  ${s.role.padEnd(11)} ${s.email}`);
    console.log("\nPress Ctrl+C to stop. Your data stays in the database file for next time.\n");
  }
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
