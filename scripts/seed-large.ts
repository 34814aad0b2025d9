// `npm run seed:large -- [--candidates 20000] [--courses 600] … [--db data/large.db]`
// A synthetic institution for the benchmark, in its own database file (never the demo's).
import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "data/large.db" },
    candidates: { type: "string" },
    programs: { type: "string" },
    courses: { type: "string" },
    "per-candidate": { type: "string" },
    assessments: { type: "string" },
    sessions: { type: "string" },
    leads: { type: "string" },
    tasks: { type: "string" },
    interactions: { type: "string" },
    huge: { type: "string", description: "1000x100" },
    faculty: { type: "string" },
  },
});
const dbPath = resolve(values.db!);
if (dbPath === resolve("data/markbook.db")) {
  console.error("Refusing to write the large dataset into the demo database. Use --db with another file.");
  process.exit(2);
}
for (const suffix of ["", "-wal", "-shm"]) if (existsSync(dbPath + suffix)) rmSync(dbPath + suffix);
process.env.DATABASE_URL = `file:${dbPath}`;

const { LARGE_DEFAULTS, seedLarge } = await import("@/db/seed/large");
const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v.replace(/_/g, "")));
const [hc, ha] = (values.huge ?? `${LARGE_DEFAULTS.hugeCandidates}x${LARGE_DEFAULTS.hugeAssessments}`).split("x").map(Number);
const opts = {
  candidates: num(values.candidates, LARGE_DEFAULTS.candidates),
  programs: num(values.programs, LARGE_DEFAULTS.programs),
  courses: num(values.courses, LARGE_DEFAULTS.courses),
  perCandidate: num(values["per-candidate"], LARGE_DEFAULTS.perCandidate),
  assessments: num(values.assessments, LARGE_DEFAULTS.assessments),
  sessions: num(values.sessions, LARGE_DEFAULTS.sessions),
  leads: num(values.leads, LARGE_DEFAULTS.leads),
  tasks: num(values.tasks, LARGE_DEFAULTS.tasks),
  interactions: num(values.interactions, LARGE_DEFAULTS.interactions),
  hugeCandidates: hc,
  hugeAssessments: ha,
  faculty: num(values.faculty, LARGE_DEFAULTS.faculty),
};
const { client } = await import("@/db/client");
const { runMigrations } = await import("@/db/migrator");
await runMigrations(client);
console.log(`Seeding ${dbPath}`, opts);
const out = await seedLarge(opts, (m) => console.log(m));
console.log(JSON.stringify({ db: dbPath, ...out }));
client.close();
