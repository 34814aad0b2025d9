// `npm run bench:grade-cards -- [--db data/large.db] [--cards 1000] [--workers 2]`
// Renders grade-card PDFs from the large dataset (npm run seed:large first), as a whole-term run
// would: cards read with gradeCardBatch in slices of 100, rendered by worker threads (one per
// core by default; --workers 1 renders in this process). Prints the time, per-card ms and MB
// produced, and the goal (1,000 cards under 60 s on two cores). The database is migrated first,
// as the app does at start; nothing else is written to it.
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import type { GradeCardData } from "@/lib/results/grade-card";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "data/large.db" },
    cards: { type: "string", default: "1000" },
    workers: { type: "string", default: String(Math.max(1, availableParallelism())) },
    slice: { type: "string", default: "100" },
  },
});
const dbPath = resolve(values.db!);
if (!existsSync(dbPath)) {
  console.error(`No large database at ${dbPath}. Run \`npm run seed:large\` first.`);
  process.exit(2);
}
(process.env as Record<string, string>).NODE_ENV = "production";
process.env.DATABASE_URL = `file:${dbPath}`;
const CARDS = Number(values.cards);
const WORKERS = Math.max(1, Number(values.workers));
const SLICE = Math.max(1, Number(values.slice));
const GOAL_S = 60;

const { client } = await import("@/db/client");
const { runMigrations } = await import("@/db/migrator");
await runMigrations(client);
const { gradeCardBatch } = await import("@/db/queries/grade-cards");
const { newResultsCache } = await import("@/db/queries/internal/results");

// The term with the most active candidates, and the first CARDS of them.
const term = await client.execute(
  `select c.term_id as id, t.name as name, count(distinct e.candidate_id) as n from enrolments e
   join courses c on c.id = e.course_id join terms t on t.id = c.term_id
   where e.status = 'active' group by c.term_id order by n desc limit 1`,
);
if (!term.rows[0]) {
  console.error("The database has no enrolments.");
  process.exit(2);
}
const termId = Number(term.rows[0].id);
const ids = (
  await client.execute({
    sql: `select distinct e.candidate_id as id from enrolments e join courses c on c.id = e.course_id
          join candidates k on k.id = e.candidate_id
          where c.term_id = ? and e.status = 'active' and k.status = 'active' order by e.candidate_id limit ?`,
    args: [termId, CARDS],
  })
).rows.map((r) => Number(r.id));
console.log(`Grade cards: ${ids.length} candidates of "${term.rows[0].name}" (${term.rows[0].n} in the term), ${WORKERS} worker(s), ${dbPath}`);

// Renderers: worker threads running the same module the app uses (scripts/bench-grade-cards-worker.mjs).
type Done = { id: number; sizes: number[]; ms: number };
const workers: Worker[] = [];
const inline = WORKERS === 1 ? (await import("@/lib/pdf/render")).renderGradeCard : null;
if (!inline) {
  for (let i = 0; i < WORKERS; i++) {
    const w = new Worker(new URL("./bench-grade-cards-worker.mjs", import.meta.url));
    await new Promise<void>((ok, fail) => {
      w.once("message", () => ok());
      w.once("error", fail);
    });
    // A worker that fails ends the bench: its cards would never come back.
    w.on("error", (e) => {
      console.error("A renderer failed:", e);
      process.exit(1);
    });
    workers.push(w);
  }
}
const idle = [...workers];
const waiting: ((w: Worker) => void)[] = [];
const take = () => new Promise<Worker>((ok) => (idle.length ? ok(idle.pop()!) : waiting.push(ok)));
const give = (w: Worker) => (waiting.length ? waiting.shift()!(w) : idle.push(w));
let nextId = 0;
async function render(cards: GradeCardData[]): Promise<Done> {
  if (inline) {
    const t = performance.now();
    const sizes: number[] = [];
    for (const c of cards) sizes.push((await inline(c)).length);
    return { id: nextId++, sizes, ms: performance.now() - t };
  }
  const w = await take();
  const id = nextId++;
  try {
    return await new Promise<Done>((ok) => {
      const onMessage = (m: Done) => {
        if (m.id !== id) return;
        w.off("message", onMessage);
        ok(m);
      };
      w.on("message", onMessage);
      w.postMessage({ id, cards });
    });
  } finally {
    give(w);
  }
}

// Warm-up: fonts loaded and the layout engine compiled in every renderer, outside the timing.
const [warm] = await gradeCardBatch(termId, ids.slice(0, 1));
await Promise.all((inline ? [0] : workers).map(() => render([warm])));

const started = performance.now();
// CPU time of the whole process (this thread and the workers): unlike the wall time, it barely
// grows when other work shares the cores, so it says what the cards cost the machine.
const cpuStart = process.cpuUsage();
let loadMs = 0;
const cache = newResultsCache();
const pending: Promise<Done>[] = [];
// Reads the next slice while the workers render the previous ones (the database read is this
// thread's; rendering is the workers').
for (let i = 0; i < ids.length; i += SLICE) {
  const t = performance.now();
  const cards = await gradeCardBatch(termId, ids.slice(i, i + SLICE), { cache });
  loadMs += performance.now() - t;
  // Each worker takes a share of the slice.
  const share = Math.ceil(cards.length / Math.max(1, workers.length || 1));
  for (let j = 0; j < cards.length; j += share) pending.push(render(cards.slice(j, j + share)));
}
const done = await Promise.all(pending);
const totalMs = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
for (const w of workers) await w.terminate();

const sizes = done.flatMap((d) => d.sizes);
const bytes = sizes.reduce((s, n) => s + n, 0);
const renderMs = done.reduce((s, d) => s + d.ms, 0);
const seconds = totalMs / 1000;
const line = (k: string, v: string) => console.log(`  ${k.padEnd(28)} ${v}`);
line("cards rendered", String(sizes.length));
line("wall time", `${seconds.toFixed(1)} s`);
line("per card (wall)", `${(totalMs / sizes.length).toFixed(1)} ms`);
line("per card (render, one thread)", `${(renderMs / sizes.length).toFixed(1)} ms`);
line("reading the data (this thread)", `${(loadMs / 1000).toFixed(1)} s`);
line("PDF produced", `${(bytes / 1024 / 1024).toFixed(1)} MB (${(bytes / sizes.length / 1024).toFixed(1)} KB a card)`);
const scaled = (seconds * 1000) / Math.max(1, sizes.length);
line("CPU time, all threads", `${(cpuMs / 1000).toFixed(1)} s (${(cpuMs / sizes.length).toFixed(1)} ms a card)`);
line("wall time on idle cores (est.)", `${(cpuMs / 1000 / Math.min(availableParallelism(), WORKERS + 1)).toFixed(1)} s (CPU time / cores used)`);
line("machine load (1 min) at the end", `${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores (others' work shares them)`);
line("goal", `1,000 cards < ${GOAL_S} s: ${scaled < GOAL_S ? "met" : "MISSED"} (${scaled.toFixed(1)} s per 1,000)`);
client.close();
if (sizes.length === 0) process.exit(1);
