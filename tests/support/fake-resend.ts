import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { path: string; auth: string | undefined; body: { from: string; to: string | string[]; subject: string; html: string; text: string } };

/**
 * A local HTTP server that answers like Resend's API, so the real SDK can be exercised end
 * to end. `fail` makes the next N requests fail with a provider error.
 */
export async function startFakeResend() {
  const received: Received[] = [];
  let failNext = 0;
  const server: Server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ name: "internal_server_error", message: "Provider is having a bad day", statusCode: 500 }));
        return;
      }
      received.push({ path: req.url ?? "", auth: req.headers.authorization, body: JSON.parse(data || "{}") });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: `re_${received.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    fail(n: number) {
      failNext = n;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
