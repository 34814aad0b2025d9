import { CLIENT_IP_HEADER, SERVER_MARK_HEADER } from "@/lib/client-address.mjs";
import { env } from "@/lib/env";

// Outside Markbook's server (server.mjs) nobody vouches for a request's address; this stands
// in for it, with a mark of its own, so tests can say which address a request came from.
const MARK = "test-server-mark";
env.MARKBOOK_SERVER_MARK = MARK;

/** The headers server.mjs would add to a request from `ip`. */
export function fromAddress(ip: string): Record<string, string> {
  return { [CLIENT_IP_HEADER]: ip, [SERVER_MARK_HEADER]: MARK };
}
