// @ts-check
// Markbook's production server: Next's request handler behind node:http. It exists so that
// the per-IP abuse limits count the real client: under `next start` a client-sent
// X-Forwarded-For reaches the app unchanged, and the app cannot tell it from Next's own.
// Here the address comes from the socket, or from the proxies TRUSTED_PROXY_HOPS names,
// and travels to the app in a header only this process can vouch for (lib/client-address.mjs).
//
//   node server.mjs [--port 3000] [--hostname 0.0.0.0]    (the port else from PORT, like `next start`)
//
// Plain JavaScript on purpose: a TypeScript loader in this process would sit in front of
// every module Next loads and cost seconds on each route's first request.
// startMarkbookServer() serves one process; several (node:cluster) would each call it.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { CLIENT_IP_HEADER, SERVER_MARK_ENV, SERVER_MARK_HEADER, clientAddress, proxyHopsSchema } from "./lib/client-address.mjs";

// How long in-flight requests (an import's commit, say) get to finish after SIGTERM.
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * @typedef {{ dir: string; port: number; hostname?: string; hops: number; log?: (line: string) => void }} ServerOptions
 * @typedef {{ server: import("node:http").Server; url: string; ready: Promise<void>; close: () => Promise<void> }} RunningServer
 */

/**
 * Listens at once (as `next start` does) and answers each request as soon as Next is
 * prepared. Call it after the environment is loaded: it reads NODE_ENV and sets the mark.
 * @param {ServerOptions} opts
 * @returns {Promise<RunningServer>}
 */
export async function startMarkbookServer({ dir, port, hostname, hops, log = console.log }) {
  // A secret only this process knows: the app trusts the client-address header only when
  // the request also carries this mark, so under any other server the address is "unknown".
  const mark = randomBytes(32).toString("base64url");
  process.env[SERVER_MARK_ENV] = mark;
  // As `next start` does; Next's types make NODE_ENV read-only, hence the assign.
  if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: "production" });

  const server = createServer();
  /** @typedef {typeof import("next/dist/server/next.js").default} CreateNext */
  /** @type {ReturnType<CreateNext> | null} */
  let app = null;
  /** @type {((req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => Promise<void>) | null} */
  let handle = null;

  server.on("request", (req, res) => {
    const forwarded = req.headers["x-forwarded-for"];
    // Whatever a client sent under these names is replaced, never passed on.
    req.headers[CLIENT_IP_HEADER] = clientAddress(req.socket.remoteAddress, forwarded, hops);
    req.headers[SERVER_MARK_HEADER] = mark;
    if (hops === 0) {
      // No proxy is trusted: the client's own forwarding headers are noise. Next then sets
      // X-Forwarded-For from the socket, so nothing downstream can read a forged one.
      delete req.headers["x-forwarded-for"];
      delete req.headers["x-real-ip"];
    }
    const run = handle ? handle(req, res) : ready.then(() => /** @type {NonNullable<typeof handle>} */ (handle)(req, res));
    run.catch((/** @type {unknown} */ err) => {
      console.error(`Failed to handle ${req.method} ${req.url}`, err);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });

  const listening = new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, hostname, () => {
      server.off("error", fail);
      done(undefined);
    });
  });
  // Next loads once the port is open, as under `next start`; early requests wait for it.
  const ready = listening.then(async () => {
    // Imported only now: React picks its production build from NODE_ENV when first loaded.
    // (Next is CommonJS: the default export is its module.exports, the createServer function.)
    const next = /** @type {CreateNext} */ (/** @type {unknown} */ ((await import("next")).default));
    const loaded = next({ dev: false, dir, port, hostname, httpServer: server });
    app = loaded;
    await loaded.prepare();
    handle = loaded.getRequestHandler();
  });
  // A failed start is reported by whoever awaits `ready`; this keeps it from also being unhandled.
  ready.catch(() => {});
  await listening;

  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const url = `http://${!hostname || hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname}:${actualPort}`;
  log(`- Local:         ${url}`);
  log(`- Client address: ${hops === 0 ? "the connection's (no proxy trusted)" : `X-Forwarded-For, ${hops} trusted prox${hops === 1 ? "y" : "ies"} in front`}`);

  let closing = null;
  const close = () =>
    (closing ??= (async () => {
      // Stop taking connections and let the requests under way finish, then close Next.
      const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      grace.unref();
      await new Promise((done) => server.close(() => done(undefined)));
      clearTimeout(grace);
      await ready.catch(() => {});
      await app?.close().catch((/** @type {unknown} */ e) => console.error(e));
    })());
  return { server, url, ready, close };
}

/**
 * The command line: load .env files as Next does, validate the setting, serve, and shut
 * down cleanly on SIGINT / SIGTERM.
 */
async function main() {
  const started = performance.now();
  const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
  const dir = process.cwd();
  nextEnv.loadEnvConfig(dir, false, { info: () => {}, error: console.error });

  const hops = proxyHopsSchema.safeParse(process.env.TRUSTED_PROXY_HOPS);
  if (!hops.success) {
    console.error(`Invalid environment: ${hops.error.issues.map((i) => i.message).join("; ")} (got "${process.env.TRUSTED_PROXY_HOPS}")`);
    process.exit(1);
  }
  const portText = values.port ?? process.env.PORT ?? "3000";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    console.error(`Invalid port "${portText}": give a number from 0 to 65535.`);
    process.exit(1);
  }

  const nextVersion = /** @type {{ version: string }} */ (createRequire(import.meta.url)("next/package.json")).version;
  console.log(`▲ Markbook on Next.js ${nextVersion}`);
  const running = await startMarkbookServer({ dir, port, hostname: values.hostname, hops: hops.data }).catch((e) => {
    console.error("Failed to start the server:", e);
    process.exit(1);
  });
  console.log(`✓ Ready in ${Math.round(performance.now() - started)}ms`);

  let stopping = false;
  const stop = () => {
    // A shell's Ctrl+C reaches every process of the group, and parents pass signals on:
    // the first one starts the shutdown, the others change nothing.
    if (stopping) return;
    stopping = true;
    running.close().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  running.ready.catch((e) => {
    console.error("Next.js could not start:", e);
    process.exit(1);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
