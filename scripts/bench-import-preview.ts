// Measures CSV import previews against a running production server: for each file, the
// preview's time and outcome, the server's peak resident memory while it ran (its whole
// process tree, sampled every 25 ms), and how long /api/health took meanwhile (asked again
// as soon as it answers). Figures to compare, not assertions. Usage, after a build:
//   DATABASE_URL=file:data/h1.db npm run db:migrate && DATABASE_URL=file:data/h1.db npm run db:seed
//   DATABASE_URL=file:data/h1.db NEXT_DIST_DIR=.next-h1 npx next start -p 3290 &
//   DATABASE_URL=file:data/h1.db npx tsx --import ./scripts/register.mjs scripts/bench-import-preview.ts --port 3290 [--commit]
// It signs in as the demo admin, adds a course of 1,000 candidates × 100 assessments for the
// in-limit files, and with --commit also commits the 100,000-row file.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { parseArgs } from "node:util";
import { createCourseForRun, signIn } from "./server-harness";

const { values } = parseArgs({ options: { port: { type: "string", default: "3290" }, pid: { type: "string" }, commit: { type: "boolean", default: false } } });
const base = `http://localhost:${values.port}`;
const MB = 1024 * 1024;

/** The process listening on the port (its socket's inode, found among each process's open files). */
function listenerPid(port: number): number {
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && f[3] === "0A" && parseInt(f[1].split(":").at(-1)!, 16) === port) inodes.add(f[9]);
    }
  }
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) return Number(pid);
      }
    } catch {
      // not ours to read, or gone
    }
  }
  throw new Error(`Nothing is listening on port ${port}: start the server first (see the top of this file).`);
}

/** Resident memory of a process and all its descendants, in bytes. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(pid)]);
    } catch {
      // gone
    }
  }
  let total = 0;
  for (const queue = [root]; queue.length;) {
    const pid = queue.pop()!;
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // gone
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

const pct = (list: number[], p: number) =>
  list.length ? [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))] : NaN;

async function measure(label: string, pid: number, cookie: string, path: string, body: string) {
  let running = true;
  let peak = treeRss(pid);
  const idle = peak;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(pid))), 25);
  const health: number[] = [];
  let healthErrors = 0;
  const poll = (async () => {
    while (running) {
      const t = performance.now();
      // A reused connection the server dropped while it was stuck: counted, and asked again.
      await fetch(`${base}/api/health`)
        .then((r) => r.arrayBuffer())
        .catch(() => (healthErrors += 1));
      health.push(performance.now() - t);
    }
  })();
  const t0 = performance.now();
  const res = await fetch(base + path, { method: "POST", headers: { cookie, "content-type": "application/json" }, body }).catch((e: Error) => e);
  const text = res instanceof Error ? "" : await res.text();
  const ms = performance.now() - t0;
  running = false;
  await poll;
  clearInterval(sampler);
  const last = text.trim().split("\n").at(-1) ?? "";
  let outcome: string;
  if (res instanceof Error) outcome = `connection closed: ${(res.cause as Error | undefined)?.message ?? res.message}`;
  else {
    try {
      const j = JSON.parse(last) as { ok: boolean; message?: string; data?: { counts?: { rows: number; error: number }; fileErrors?: string[] } };
      outcome = `${res.status} ${j.ok ? `ok: ${j.data?.fileErrors?.[0] ?? `${j.data?.counts?.rows} rows, ${j.data?.counts?.error} with errors`}` : `refused: ${j.message}`}`;
    } catch {
      outcome = `${res.status} ${last.slice(0, 80)}`;
    }
  }
  return {
    file: label,
    "body MB": +(Buffer.byteLength(body) / MB).toFixed(1),
    "time s": +(ms / 1000).toFixed(2),
    "idle RSS MB": Math.round(idle / MB),
    "peak RSS MB": Math.round(peak / MB),
    "health asks": health.length,
    "health p50 ms": Math.round(pct(health, 50)),
    "health max ms": Math.round(Math.max(...health)),
    "health errors": healthErrors,
    outcome: outcome.slice(0, 110),
  };
}

/** Marks rows padded with feedback until the file is about `bytes` long. */
function marksFile(bytes: number, rows: { number: string; code: string; assessment: string }[]) {
  const header = "Candidate number,Course code,Assessment,Score,Feedback";
  const bare = rows.reduce((n, r) => n + r.number.length + r.code.length + r.assessment.length + 8, header.length);
  const pad = Math.max(0, Math.floor((bytes - bare) / rows.length));
  const feedback = "Steady work; revise chapter four before the test. ".repeat(Math.ceil(pad / 50) + 1).slice(0, pad);
  return [header, ...rows.map((r, i) => `${r.number},${r.code},${r.assessment},${i % 21},${feedback}`)].join("\n");
}

/** Valid rows with `extra` more short columns each (a spreadsheet's other columns), about `bytes` long in all. */
function wideFile(bytes: number, rows: { number: string; code: string; assessment: string }[], extra: number) {
  const header = ["Candidate number", "Course code", "Assessment", "Score", ...Array.from({ length: extra }, (_, i) => `Col ${i + 1}`)].join(",");
  const out = [header];
  let size = header.length;
  for (let i = 0; size < bytes - 200; i++) {
    const r = rows[i % rows.length];
    const line = `${r.number},${r.code},${r.assessment},${i % 21}${",7".repeat(extra)}`;
    out.push(line);
    size += line.length + 1;
  }
  return out.join("\n");
}

async function main() {
  const pid = values.pid ? Number(values.pid) : listenerPid(Number(values.port));
  const cookie = await signIn(base, "admin@markbook.test");
  const code = `BENCH-${Date.now().toString(36).toUpperCase()}`;
  const run = await createCourseForRun({ code, candidates: 1000, assessments: 100 });
  const valid = run.candidateNumbers.flatMap((number) => run.assessments.map((a) => ({ number, code, assessment: a.name })));
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ number: `NB-${i}`, code, assessment: "A1" }));
  const mapping = { candidateNumber: "Candidate number", courseCode: "Course code", assessment: "Assessment", score: "Score", feedback: "Feedback" };
  const bodyOf = (text: string, wide = false) => {
    // A wide file's other columns are not mapped, and it has no feedback.
    const { feedback, ...scores } = mapping;
    return JSON.stringify({ kind: "marks", fileName: "bench.csv", text, mapping: wide ? scores : { ...scores, feedback }, courseId: run.course.id });
  };
  const lineCount = (text: string) => text.split("\n").length - 1;
  const files = [
    ["10 MB (over the row limit)", bodyOf(marksFile(10 * MB, many(250_000)))],
    ["30 MB (over the row limit)", bodyOf(marksFile(30 * MB - 4096, many(750_000)))],
    ["10 MB, valid rows", bodyOf(marksFile(10 * MB, valid))],
    ["30 MB, valid rows", bodyOf(marksFile(30 * MB - 4096, valid))],
    ["30 MB × 18 columns (over the row limit)", bodyOf(wideFile(30 * MB - 4096, many(1_000_000), 14), true)],
    ["30 MB × 150 columns, valid rows", bodyOf(wideFile(30 * MB - 4096, valid, 146), true)],
  ].map(([label, body]) => [`${label}: ${lineCount((JSON.parse(body) as { text: string }).text).toLocaleString("en-US")} rows`, body] as const);
  const results = [];
  // A first, small preview so the route is compiled and warm before anything is timed.
  await measure("warm-up", pid, cookie, "/api/imports/preview", bodyOf(marksFile(10_000, valid.slice(0, 100))));
  for (const [label, body] of files) results.push(await measure(label, pid, cookie, "/api/imports/preview", body));
  results.push(await measure("62 MB upload (over the size limit)", pid, cookie, "/api/imports/preview", bodyOf("x".repeat(62 * MB + 128 * 1024))));
  if (values.commit) results.push(await measure("commit: 10 MB, 100,000 valid rows", pid, cookie, "/api/imports/commit", files[2][1]));
  console.table(results);
  console.log(JSON.stringify(results));
  const { client } = await import("@/db/client");
  client.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
