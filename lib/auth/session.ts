import "server-only";
import { cookies } from "next/headers";
import { readSessionToken, SESSION_COOKIES } from "./jwt";

export type SessionClaims = { uid: number; sv: number };

/** What the signed session cookie says about who is asking. The only seam tests replace. */
export async function getSessionClaims(): Promise<SessionClaims | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    const value = jar.get(name)?.value;
    if (!value) continue;
    const t = await readSessionToken(name, value);
    if (t) return { uid: t.uid, sv: t.sv };
  }
  return null;
}
