// A second process that keeps writing through the queries layer while a test backs up the
// database (the embedded driver is synchronous, so a writer in the test's own process would
// stand still during VACUUM INTO). Transaction n adds institution "Writer n" and sets the
// writer's mark to n % 10 (version n), with their audit events and history.
//   DATABASE_URL=file:… tsx --import ./scripts/register.mjs tests/support/backup-writer.ts <assessmentId> <candidateId>
// Prints "ready" after the first write; "stop" on stdin ends it after the current write.
import { createInterface } from "node:readline";

const [assessmentId, candidateId] = process.argv.slice(2).map(Number);
const { db } = await import("@/db/client");
const { SYSTEM } = await import("@/lib/actor");
const { createInstitution } = await import("@/db/queries/institutions");
const { saveMark } = await import("@/db/queries/marks");

let stop = false;
createInterface({ input: process.stdin }).on("line", (l) => {
  if (l.trim() === "stop") stop = true;
});

let n = 0;
while (!stop) {
  const next = n + 1;
  await db.transaction(async (tx) => {
    await createInstitution(SYSTEM, { name: `Writer ${next}` }, tx);
    await saveMark(SYSTEM, { assessmentId, candidateId, score: next % 10, status: "graded", expectedVersion: n === 0 ? null : n }, tx);
  });
  n = next;
  if (n === 1) console.log("ready");
  // Let stdin be read between writes.
  await new Promise((r) => setImmediate(r));
}
console.log(`done ${n}`);
process.exit(0);
