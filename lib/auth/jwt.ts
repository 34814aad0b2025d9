import { decode, encode } from "next-auth/jwt";
import { env } from "@/lib/env";
import { Lru } from "@/lib/lru";

export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;
export type SessionToken = { uid: number; sv: number; iat: number; exp: number; payload: Record<string, unknown> };

// Decrypting the session JWT costs a key derivation and a JWE decryption; the same cookie
// arrives with every request of a session, so decoded tokens are kept (until they expire).
const cache = new Lru<string, SessionToken | null>(2000);

export function sessionMaxAge(): number {
  return env.SESSION_IDLE_MINUTES * 60;
}

/** The claims of a session cookie, or null when it is not one of ours or has expired. */
export async function readSessionToken(name: string, value: string): Promise<SessionToken | null> {
  const key = `${name}=${value}`;
  let t = cache.get(key);
  if (t === undefined) {
    try {
      const payload = (await decode({ token: value, secret: env.AUTH_SECRET ?? "", salt: name })) as Record<string, unknown> | null;
      t =
        payload && typeof payload.uid === "number"
          ? { uid: payload.uid, sv: Number(payload.sv ?? 0), iat: Number(payload.iat ?? 0), exp: Number(payload.exp ?? 0), payload }
          : null;
    } catch {
      t = null;
    }
    cache.set(key, t);
  }
  if (!t || t.exp * 1000 <= Date.now()) return null;
  return t;
}

/** A fresh token with a new idle deadline: sliding expiry while the person keeps working. */
export async function refreshSessionToken(name: string, t: SessionToken): Promise<string> {
  const { iat: _iat, exp: _exp, jti: _jti, ...rest } = t.payload;
  return encode({ token: rest, secret: env.AUTH_SECRET ?? "", salt: name, maxAge: sessionMaxAge() });
}
