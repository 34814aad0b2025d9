// `npm test`: the whole suite, in the order that fails fastest, timing each phase.
//   1. typecheck and lint side by side: each is one single-threaded process, so on two cores
//      together they take as long as the slower one alone;
//   2. Vitest (unit + integration);
//   3. the production build, then Playwright against it. `next build` type-checks the same
//      tsconfig again; having just passed `npm run typecheck`, this build skips that repeat
//      (MARKBOOK_TYPECHECKED, read by next.config.ts). `npm run build` always checks.
// Stops at the first phase that fails, with its exit code. Plain Node, no TypeScript loader.
import { spawn } from "node:child_process";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const timings = [];

function run(name, args, env = {}) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ["run", "-s", ...args], { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      timings.push({ name, seconds, ok: code === 0 });
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function report() {
  const line = (name, s) => `  ${name.padEnd(28)} ${s.toFixed(1).padStart(6)} s`;
  console.log("\nnpm test, wall time per phase:");
  for (const t of timings) console.log(line(t.name + (t.ok ? "" : " (failed)"), t.seconds));
  console.log(line("total", (performance.now() - start) / 1000));
}

const start = performance.now();
async function main() {
  const checks = await Promise.all([run("typecheck", ["typecheck"]), run("lint", ["lint"])]);
  const failed = checks.find((c) => c !== 0);
  if (failed !== undefined) return failed;
  for (const [name, args, env] of [
    ["vitest", ["test:unit"]],
    ["next build (no 2nd type check)", ["build"], { MARKBOOK_TYPECHECKED: "1" }],
    ["playwright", ["test:e2e:run"]],
  ]) {
    const code = await run(name, args, env);
    if (code !== 0) return code;
  }
  return 0;
}

const code = await main();
report();
process.exit(code);
