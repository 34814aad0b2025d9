import type { SessionClaims } from "@/lib/auth/session";

let claims: SessionClaims | null = null;

export function currentClaims(): SessionClaims | null {
  return claims;
}

/** Who the next action call runs as: a user id and session version, or nobody. */
export function signInAs(user: { id: number; sessionVersion?: number } | null): void {
  claims = user ? { uid: user.id, sv: user.sessionVersion ?? 0 } : null;
}
