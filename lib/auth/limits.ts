// Abuse limits. Failures count; a success clears the account's counter.
export const SIGN_IN_LIMITS = {
  account: { limit: 5, windowMs: 15 * 60_000 },
  ip: { limit: 30, windowMs: 15 * 60_000 },
} as const;

export const TOKEN_LIMITS = {
  ip: { limit: 20, windowMs: 15 * 60_000 },
} as const;
