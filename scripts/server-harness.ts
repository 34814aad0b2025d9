// Drives a production server (Markbook's server.mjs) over HTTP for `npm run load`, `npm run bench`, the slow
// tests and the end-to-end tests that need a server of their own: start one on its own
// database (seeded by scripts/e2e-server.ts --seed), sign in as a demo user through the
// sign-in form's server action, and call server actions the way the browser does.
// Database helpers import the app's modules lazily: set DATABASE_URL first.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const DEMO_PASSWORD = "markbook-demo";
const ROOT = fileURLToPath(new URL("..", import.meta.url));

export function distDir(): string {
  return process.env.NEXT_DIST_DIR || ".next";
}

/** Builds into NEXT_DIST_DIR (or .next) unless a production build is already there. */
export function ensureBuild(log: (m: string) => void = console.log): void {
  if (existsSync(join(ROOT, distDir(), "BUILD_ID"))) return;
  log(`No production build in ${distDir()}: building (next build)…`);
  const r = spawnSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

export type RunningServer = {
  base: string;
  dbPath: string;
  /** The process group: the seeding script and server.mjs under it. */
  pid: number;
  exited: Promise<number | null>;
  /** The last lines the server wrote to stderr, for failure messages. */
  stderr: () => string;
  signal: (sig: NodeJS.Signals) => void;
  stop: () => Promise<void>;
};

// The same secret for every server a run starts, so a session outlives a restart.
const SERVER_ENV = {
  AUTH_SECRET: "harness-secret-harness-secret-harness-secret",
  AUTH_TRUST_HOST: "true",
  CRON_SECRET: "harness-cron-secret",
  RESEND_API_KEY: "",
};

/** `env`: settings of the server's own (e.g. TRUSTED_PROXY_HOPS), over the harness's. */
export type ServerOptions = { port: number; dbPath: string; timeoutMs?: number; log?: (m: string) => void; env?: Record<string, string> };

/**
 * scripts/e2e-server.ts --seed on its own fresh database file: migrate, seed the demo
 * institution, serve (server.mjs). In its own process group so it can be killed whole.
 */
export function startSeededServer(opts: ServerOptions): Promise<RunningServer> {
  return launch(opts, join(ROOT, "node_modules", ".bin", "tsx"), [
    "--import",
    "./scripts/register.mjs",
    "scripts/e2e-server.ts",
    "--port",
    String(opts.port),
    "--db",
    resolve(opts.dbPath),
    "--seed",
  ]);
}

/** server.mjs on an existing database (its migrations run at start; a new file starts empty), e.g. after a crash. */
export function startServer(opts: ServerOptions): Promise<RunningServer> {
  return launch(opts, process.execPath, [join(ROOT, "server.mjs"), "--port", String(opts.port)]);
}

async function launch(opts: ServerOptions, command: string, args: string[]): Promise<RunningServer> {
  const dbPath = resolve(opts.dbPath);
  const base = `http://localhost:${opts.port}`;
  const child = spawn(command, args, {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, ...SERVER_ENV, ...opts.env, DATABASE_URL: `file:${dbPath}`, APP_URL: base },
  });
  let tail = "";
  child.stderr!.on("data", (d: Buffer) => {
    tail = (tail + d.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const pid = child.pid!;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // already gone
    }
  };
  const cleanup = () => signal("SIGKILL");
  process.once("exit", cleanup);
  const server: RunningServer = {
    base,
    dbPath,
    pid,
    exited,
    stderr: () => tail,
    signal,
    stop: async () => {
      process.off("exit", cleanup);
      signal("SIGTERM");
      const t = setTimeout(() => signal("SIGKILL"), 10_000);
      await exited;
      // Children of the group outlive the script's own exit when it is killed: wait for them all.
      await waitGroupGone(pid);
      clearTimeout(t);
    },
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 240_000);
  opts.log?.(`Starting the server on ${base} (database ${dbPath})…`);
  while (Date.now() < deadline) {
    if (gone) throw new Error(`The server exited before it was ready:\n${tail}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  await server.stop();
  throw new Error(`The server at ${base} was not ready in time:\n${tail}`);
}

/** Resolves once no process of the group is left. */
export async function waitGroupGone(pgid: number, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await sleep(50);
  }
  throw new Error(`process group ${pgid} is still running`);
}

export function removeDatabase(path: string): void {
  for (const s of ["", "-wal", "-shm", ".facts.json"]) rmSync(path + s, { force: true });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ——— server actions over HTTP ———

const actionIds = new Map<string, string>();

/**
 * The id of a server action as the page's client code knows it: read from the JavaScript
 * chunks the page loads (`createServerReference("<id>", …, "<name>")`), so it works against
 * any running build.
 */
export async function findActionId(base: string, pagePath: string, name: string, cookie?: string): Promise<string> {
  const key = `${base} ${name}`;
  const known = actionIds.get(key);
  if (known) return known;
  const res = await fetch(base + pagePath, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  if (res.status !== 200) throw new Error(`${pagePath} answered ${res.status} while looking for ${name}`);
  const html = await res.text();
  const chunks = [...new Set([...html.matchAll(/\/_next\/static\/chunks\/[\w./-]+?\.js/g)].map((m) => m[0]))];
  const pattern = new RegExp(`createServerReference\\)\\("([0-9a-f]{16,})",[^()]*?"${name}"\\)`);
  for (const chunk of chunks) {
    const js = await (await fetch(base + chunk)).text();
    const m = js.match(pattern);
    if (m) {
      actionIds.set(key, m[1]);
      return m[1];
    }
  }
  throw new Error(`No server action ${name} in the ${chunks.length} scripts of ${pagePath}`);
}

export type ActionReply = { ok: boolean; code?: string; message?: string; data?: unknown };

/** The action's return value from a flight response (`0:{…}` then `1:{"ok":…}`). */
export function parseActionReply(body: string): ActionReply | null {
  for (const line of body.split("\n")) {
    const m = line.match(/^1:(\{.*\})$/);
    if (!m) continue;
    try {
      return JSON.parse(m[1]) as ActionReply;
    } catch {
      break;
    }
  }
  const ok = body.match(/"ok":(true|false)/);
  return ok ? { ok: ok[1] === "true" } : null;
}

/** What the browser sends for `action(prevState, input)`: a JSON array, as React's encodeReply makes it. */
export function actionRequest(base: string, id: string, cookie: string | undefined, args: unknown[]) {
  return {
    method: "POST" as const,
    headers: {
      "next-action": id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: base,
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(args),
  };
}

/** Signs in through the sign-in form's server action; returns the session cookie header. */
export async function signIn(base: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const id = await findActionId(base, "/sign-in", "signInAction");
  const res = await fetch(`${base}/sign-in`, {
    ...actionRequest(base, id, undefined, [null, { email, password, callbackUrl: "/dashboard" }]),
    redirect: "manual",
  });
  const cookies = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => /^(__Secure-)?authjs\.session-token(\.\d+)?=./.test(c));
  if (!cookies.length) throw new Error(`Sign-in as ${email} failed (${res.status}): ${(await res.text()).slice(0, 300)}`);
  const cookie = cookies.join("; ");
  const check = await fetch(`${base}/dashboard`, { headers: { cookie }, redirect: "manual" });
  if (check.status !== 200) throw new Error(`Signed in as ${email}, but /dashboard answered ${check.status}`);
  return cookie;
}

// ——— data the runs need ———

/**
 * A course of its own in the demo's open term, taught by the demo faculty member: `candidates`
 * new candidates enrolled, `assessments` published assessments (max 20), no marks yet.
 */
export async function createCourseForRun(opts: { code: string; candidates: number; assessments: number }) {
  const { db } = await import("@/db/client");
  const { eq } = await import("drizzle-orm");
  const schema = await import("@/db/schema");
  const { SYSTEM } = await import("@/lib/actor");
  const { createCourse } = await import("@/db/queries/courses");
  const { createCandidatesBulk, enrol } = await import("@/db/queries/candidates");
  const { createAssessmentsBulk } = await import("@/db/queries/assessments");
  const [faculty] = await db.select().from(schema.users).where(eq(schema.users.email, "faculty@markbook.test"));
  const [term] = await db.select().from(schema.terms).where(eq(schema.terms.locked, false)).limit(1);
  const [program] = await db.select().from(schema.programs).limit(1);
  if (!faculty || !term || !program) throw new Error("The database has no demo institution (faculty@markbook.test, an open term, a program).");
  const course = await createCourse(SYSTEM, {
    code: opts.code,
    name: `Course ${opts.code}`,
    programId: program.id,
    termId: term.id,
    credits: 4,
    teacherIds: [faculty.id],
  });
  const inputs = Array.from({ length: opts.candidates }, (_, i) => ({
    candidateNumber: `${opts.code}-${String(i + 1).padStart(5, "0")}`,
    fullName: `${opts.code} Candidate ${i + 1}`,
    programId: program.id,
    status: "active" as const,
    consentToEmail: false,
    guardians: [],
  }));
  const candidateIds = await db.transaction((tx) => createCandidatesBulk(tx, SYSTEM, inputs));
  await enrol(SYSTEM, candidateIds, course.id);
  await db.transaction((tx) =>
    createAssessmentsBulk(
      tx,
      SYSTEM,
      course.id,
      Array.from({ length: opts.assessments }, (_, i) => ({
        name: `A${i + 1}`,
        kind: "quiz" as const,
        maxScore: 20,
        weight: 1,
        published: true,
        dueOn: term.startsOn,
      })),
    ),
  );
  const assessments = await db
    .select({ id: schema.assessments.id, name: schema.assessments.name, maxScore: schema.assessments.maxScore })
    .from(schema.assessments)
    .where(eq(schema.assessments.courseId, course.id));
  return { course, candidateIds, candidateNumbers: inputs.map((c) => c.candidateNumber), assessments };
}
