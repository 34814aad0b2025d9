// `npm test`: the whole suite, timing each phase, overlapping phases to keep both cores busy.
//   1. typecheck and lint side by side (each is one single-threaded process).
//   2. Vitest (unit + integration) and the production build side by side; Playwright starts
//      against that build as soon as it is made, while Vitest may still run. Playwright spends
//      most of its time waiting on the browser and the server, not computing, so Vitest runs
//      in the cores it leaves idle. Vitest's and the build's output is held and printed whole
//      when each ends, so reports do not interleave.
//   The build does not overlap typecheck: tsc reads .next/types, which the build rewrites.
//   `next build` type-checks the same tsconfig again; having just passed `npm run typecheck`,
//   this build skips that repeat (MARKBOOK_TYPECHECKED, read by next.config.ts); `npm run
//   build` always checks.
// The first phase that fails stops the others and sets the exit code. Plain Node, no TypeScript
// loader. MARKBOOK_TEST_SERIAL=1 runs the phases one after another (each one's own time).
import { spawn } from "node:child_process";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const timings = [];
const running = new Set();
let stopping = false;

function run(name, args, { env = {}, quiet = false } = {}) {
  const started = performance.now();
  return new Promise((resolve) => {
    // detached: its own process group, so stopping it stops what it started (servers, browsers).
    const child = spawn(npm, ["run", "-s", ...args], {
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
      env: { ...process.env, ...env },
      detached: process.platform !== "win32",
    });
    running.add(child);
    const held = [];
    if (quiet) {
      child.stdout.on("data", (d) => held.push(d));
      child.stderr.on("data", (d) => held.push(d));
    }
    child.on("exit", (code, signal) => {
      running.delete(child);
      const seconds = (performance.now() - started) / 1000;
      if (quiet) process.stdout.write(Buffer.concat(held));
      const ok = code === 0;
      timings.push({ name, seconds, ok, stopped: stopping && !ok });
      const result = code ?? (signal ? 1 : 0);
      if (!ok && !stopping) stopOthers(name);
      resolve(result);
    });
  });
}

function stopOthers(failed) {
  stopping = true;
  if (running.size) console.error(`\n${failed} failed: stopping the phases still running.`);
  for (const child of running) {
    try {
      process.kill(process.platform === "win32" ? child.pid : -child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

function report() {
  const line = (name, s) => `  ${name.padEnd(34)} ${s.toFixed(1).padStart(6)} s`;
  console.log("\nnpm test, wall time per phase (overlapping: see the top of scripts/test.mjs):");
  for (const t of timings) console.log(line(t.name + (t.ok ? "" : t.stopped ? " (stopped)" : " (failed)"), t.seconds));
  console.log(line("total", (performance.now() - start) / 1000));
}

const serial = process.env.MARKBOOK_TEST_SERIAL === "1";
const round = async (phases) => {
  if (!serial) return (await Promise.all(phases.map((p) => p()))).find((c) => c !== 0) ?? 0;
  for (const p of phases) {
    const code = await p();
    if (code !== 0) return code;
  }
  return 0;
};

const start = performance.now();
const vitest = () => run("vitest", ["test:unit"], { quiet: !serial });
const build = () => run("next build (no 2nd type check)", ["build"], { env: { MARKBOOK_TYPECHECKED: "1" }, quiet: !serial });
const playwright = () => run("playwright", ["test:e2e:run"]);
async function main() {
  const checks = await round([() => run("typecheck", ["typecheck"]), () => run("lint", ["lint"])]);
  if (checks !== 0) return checks;
  if (serial) return round([vitest, build, playwright]);
  const unit = vitest();
  const built = await build();
  if (built !== 0) return (await unit) || built;
  const [u, e] = await Promise.all([unit, playwright()]);
  return u || e;
}

const code = await main();
report();
process.exit(code);
