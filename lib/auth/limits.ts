// Abuse limits, each a count in a fixed window (db/queries/rate-limits.ts keeps the counters).
// Sign-in counts each attempt before its password is checked and gives the count back when
// the attempt was refused unchecked or succeeded, so what stays counted is failures; the
// others count every try.
export const SIGN_IN_LIMITS = {
  account: { limit: 5, windowMs: 15 * 60_000 },
  ip: { limit: 30, windowMs: 15 * 60_000 },
} as const;

/** The two counters a sign-in attempt spends: its email's (account or not) and its address's. */
export function signInLimits(normalisedEmail: string, ip: string): [string, { limit: number; windowMs: number }][] {
  return [
    [`sign-in:account:${normalisedEmail}`, SIGN_IN_LIMITS.account],
    [`sign-in:ip:${ip}`, SIGN_IN_LIMITS.ip],
  ];
}

export const RESET_LIMITS = {
  ip: { limit: 30, windowMs: 15 * 60_000 },
  // At most three reset emails an hour to one address, whoever asks.
  account: { limit: 3, windowMs: 60 * 60_000 },
} as const;

/** Setting a password from an invitation or reset link. */
export const TOKEN_LIMITS = {
  ip: { limit: 20, windowMs: 15 * 60_000 },
  token: { limit: 10, windowMs: 15 * 60_000 },
} as const;

/** Result links: unknown or expired tokens count against the address (guessing). */
export const RESULT_LINK_LIMITS = {
  ip: { limit: 20, windowMs: 15 * 60_000 },
} as const;

/** "Try again in 12 minutes." — the wait in words, rounded up. */
export function waitInWords(retryAfterSeconds: number): string {
  if (retryAfterSeconds < 60) return `${Math.max(1, Math.ceil(retryAfterSeconds))} seconds`;
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
