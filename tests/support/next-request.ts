// Server actions that read the request (headers(), cookies()) need Next's request store.
// Outside Next, each call made inside `requestFrom(ip, call)` gets a request of its own, as
// if it came through Markbook's server from that address (calls may run in parallel).
// Use: vi.mock("next/headers", async () => (await import("../support/next-request")).nextHeaders);
import { AsyncLocalStorage } from "node:async_hooks";
import { fromAddress } from "./client-ip";

type FakeRequest = { headers: Headers; cookies: Map<string, string> };
const store = new AsyncLocalStorage<FakeRequest>();

export function requestFrom<T>(ip: string, call: () => Promise<T>): Promise<T> {
  return store.run({ headers: new Headers({ host: "localhost:3000", ...fromAddress(ip) }), cookies: new Map() }, call);
}

function current(): FakeRequest {
  const r = store.getStore();
  if (!r) throw new Error("No request: make the call inside requestFrom(ip, …)");
  return r;
}

export const nextHeaders = {
  headers: async () => current().headers,
  cookies: async () => {
    const jar = current().cookies;
    return {
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (name: string) => jar.has(name),
      set: (name: string, value: string) => void jar.set(name, value),
      delete: (name: string) => void jar.delete(name),
    };
  },
};
