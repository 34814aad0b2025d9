import type { DayRule } from "@/lib/constants";
import { roundHalfUp } from "./round";
import { DEFAULT_ATTENDANCE_POLICY, type AttendancePolicy } from "./attendance";

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

/** What a thresholds row holds about attendance (institution-wide or one program's). */
export type EligibilitySettings = {
  minAttendance: number;
  condonableFrom: number;
  maxCondonations: number;
  onDutyCounts: DayRule;
  medicalCounts: DayRule;
};

export const DEFAULT_ELIGIBILITY_SETTINGS: EligibilitySettings = {
  minAttendance: DEFAULT_ELIGIBILITY.minimum,
  condonableFrom: DEFAULT_ELIGIBILITY.condonableFrom,
  maxCondonations: DEFAULT_ELIGIBILITY.maxCondonations ?? 2,
  onDutyCounts: DEFAULT_ATTENDANCE_POLICY.onDuty,
  medicalCounts: DEFAULT_ATTENDANCE_POLICY.medical,
};

/** A program's rules: who may sit (eligibility) and how its attendance is counted. */
export type ProgramPolicy = { eligibility: EligibilityPolicy; attendance: AttendancePolicy };

export function policyOf(s: EligibilitySettings): ProgramPolicy {
  return {
    eligibility: { minimum: s.minAttendance, condonableFrom: s.condonableFrom, maxCondonations: s.maxCondonations },
    attendance: { onDuty: s.onDutyCounts, medical: s.medicalCounts },
  };
}

/**
 * A course's policy: its own minimum (null: the program's) with the program's condonation band
 * kept as deep below it. Program 75 % condonable from 65 %, course 80 %: condonable from 70 %.
 * The band never starts below 0 %.
 */
export function forCourse(program: EligibilityPolicy, courseMinimum: number | null | undefined): EligibilityPolicy {
  const minimum = minimumFor(courseMinimum, program.minimum);
  if (minimum === program.minimum) return program;
  const depth = program.minimum - program.condonableFrom;
  return { ...program, minimum, condonableFrom: Math.max(0, minimum - depth) };
}

/** The attendance a course needs: its own minimum when it has one, else its program's. One rule for eligibility, alerts and screens. */
export function minimumFor(courseMinimum: number | null | undefined, programMinimum: number): number {
  return courseMinimum ?? programMinimum;
}

/** Why a candidate may not sit, in words for the detention list and the grade card. */
export type DetentionReason = "below_band" | "not_condoned" | "refused";

export const DETENTION_REASON_LABELS: Record<DetentionReason, string> = {
  below_band: "Below the condonation band",
  not_condoned: "Condonable, not condoned",
  refused: "Condonation refused",
};

/**
 * The verdict with its reason, given the latest condonation decision for this course
 * ("approved", "refused", "requested" or none). An approved condonation only counts while the
 * rate stays in the band; a refused one leaves the candidate detained with that reason.
 */
export function judgeAttendance(
  rate: number | null,
  policy: EligibilityPolicy,
  opts: { latest?: "requested" | "approved" | "refused" | null; condonationsUsed?: number } = {},
): { status: Eligibility["status"]; shown: number | null; reason: string | null; detention: DetentionReason | null; limitReached: boolean } {
  const e = eligibility(rate, policy, { condoned: opts.latest === "approved", condonationsUsed: opts.condonationsUsed });
  const minimum = `${formatLimit(policy.minimum)} %`;
  switch (e.status) {
    case "eligible":
      return { status: "eligible", shown: e.rate, reason: null, detention: null, limitReached: false };
    case "condoned":
      return { status: "condoned", shown: e.rate, reason: `below ${minimum}, condoned`, detention: null, limitReached: false };
    case "detained":
      return {
        status: "detained",
        shown: e.rate,
        reason: `below ${formatLimit(policy.condonableFrom)} %, the lowest that can be condoned`,
        detention: "below_band",
        limitReached: false,
      };
    case "condonable":
      return opts.latest === "refused"
        ? { status: "condonable", shown: e.rate, reason: `below ${minimum}, condonation refused`, detention: "refused", limitReached: e.limitReached }
        : {
            status: "condonable",
            shown: e.rate,
            reason: `below ${minimum}, not condoned${opts.latest === "requested" ? " (request pending)" : ""}`,
            detention: "not_condoned",
            limitReached: e.limitReached,
          };
  }
}

/** A limit as staff typed it: "75", "72.5". */
function formatLimit(v: number): string {
  return Number.isInteger(v) ? String(v) : String(roundHalfUp(v, 2));
}
