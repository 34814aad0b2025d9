import "server-only";
import { auth } from "./index";

export type SessionClaims = { uid: number; sv: number };

/** What the signed JWT says about who is asking. The only seam tests replace. */
export async function getSessionClaims(): Promise<SessionClaims | null> {
  const session = await auth();
  if (!session?.uid) return null;
  return { uid: session.uid, sv: session.sv ?? 0 };
}
