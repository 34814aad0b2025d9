import { roundHalfUp } from "./round";

// Attendance eligibility for the end-of-term exam (issue 14): at or above the minimum a
// candidate may sit; in the condonation band they may, once an admin approves a request
// (within the limit of condonations); below it they are detained. Pure.

export type EligibilityPolicy = {
  /** The minimum attendance, in % (default 75). */
  minimum: number;
  /** The lowest rate that can still be condoned, in % (e.g. 65); equal to minimum for none. */
  condonableFrom: number;
  /** How many times a candidate may be condoned over the program (null: no limit). */
  maxCondonations: number | null;
};

export const DEFAULT_ELIGIBILITY: EligibilityPolicy = { minimum: 75, condonableFrom: 65, maxCondonations: 2 };

export type Eligibility =
  | { status: "eligible"; rate: number | null }
  | { status: "condoned"; rate: number }
  | { status: "condonable"; rate: number; limitReached: boolean }
  | { status: "detained"; rate: number; reason: string };

/**
 * Judged on the rate as shown (one decimal, half up), so 74.96 % reads 75.0 % and is eligible,
 * as staff and parents read it. No sessions recorded: eligible (nothing to judge).
 */
export function eligibility(rate: number | null, policy: EligibilityPolicy, opts: { condoned?: boolean; condonationsUsed?: number } = {}): Eligibility {
  if (rate === null || !Number.isFinite(rate)) return { status: "eligible", rate: null };
  const shown = roundHalfUp(rate, 1);
  if (shown >= policy.minimum) return { status: "eligible", rate: shown };
  if (shown >= policy.condonableFrom) {
    if (opts.condoned) return { status: "condoned", rate: shown };
    const used = opts.condonationsUsed ?? 0;
    return { status: "condonable", rate: shown, limitReached: policy.maxCondonations !== null && used >= policy.maxCondonations };
  }
  return { status: "detained", rate: shown, reason: `attendance ${shown.toFixed(1)} % is below ${policy.condonableFrom} %, the lowest that can be condoned` };
}

/** What is wrong with a policy, for the settings form; empty when usable. */
export function validateEligibility(p: EligibilityPolicy): string[] {
  const problems: string[] = [];
  if (!Number.isFinite(p.minimum) || p.minimum < 0 || p.minimum > 100) problems.push("The minimum must be between 0 and 100 %.");
  if (!Number.isFinite(p.condonableFrom) || p.condonableFrom < 0 || p.condonableFrom > p.minimum)
    problems.push("Condonation must start between 0 % and the minimum.");
  if (p.maxCondonations !== null && (!Number.isInteger(p.maxCondonations) || p.maxCondonations < 0))
    problems.push("The number of condonations must be a whole number, 0 or more.");
  return problems;
}
