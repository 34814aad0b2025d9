import { DAY_RULES, type AttendanceStatus, type DayRule } from "@/lib/constants";
import { roundHalfUp } from "./round";

/**
 * How a day on duty (sports, NCC, a university event) or on medical leave counts: as if
 * present, left out of the count (like excused), or as absent. The institution's choice,
 * per program (the thresholds row).
 */
export { DAY_RULES, type DayRule };
export const DAY_RULE_LABELS: Record<DayRule, string> = { present: "Counts as present", excluded: "Left out of the count", absent: "Counts as absent" };

export type AttendancePolicy = { onDuty: DayRule; medical: DayRule };
export const DEFAULT_ATTENDANCE_POLICY: AttendancePolicy = { onDuty: "present", medical: "excluded" };

/** How many records of each status; `sessions` is all of them. On-duty and medical default to none. */
export type AttendanceCounts = {
  present: number;
  late: number;
  absent: number;
  excused: number;
  onDuty?: number;
  medical?: number;
  sessions: number;
};

export type AttendanceRate = {
  rate: number | null;
  shown: number | null;
  present: number;
  late: number;
  absent: number;
  excused: number;
  onDuty: number;
  medical: number;
  sessions: number;
  /** How on-duty and medical days were counted (a sum of several courses' counts needs it). */
  policy: AttendancePolicy;
};

/** The counts' key for a status ("on_duty" → onDuty). */
export const COUNT_KEY: Record<AttendanceStatus, "present" | "late" | "absent" | "excused" | "onDuty" | "medical"> = {
  present: "present",
  late: "late",
  absent: "absent",
  excused: "excused",
  on_duty: "onDuty",
  medical: "medical",
};

export function emptyCounts(): Required<AttendanceCounts> {
  return { present: 0, late: 0, absent: 0, excused: 0, onDuty: 0, medical: 0, sessions: 0 };
}

/** Adds `n` records of a status to the counts (in place). */
export function addCount(c: Required<AttendanceCounts>, status: AttendanceStatus, n = 1): Required<AttendanceCounts> {
  c[COUNT_KEY[status]] += n;
  c.sessions += n;
  return c;
}

/**
 * (present + late + days counted as present) / (sessions − excused − days left out) × 100;
 * empty when nothing is countable. Without on-duty or medical days this is
 * (present + late) / (sessions − excused), whatever the policy.
 */
export function attendanceRate(records: { status: AttendanceStatus }[], policy: AttendancePolicy = DEFAULT_ATTENDANCE_POLICY): AttendanceRate {
  const c = emptyCounts();
  for (const r of records) addCount(c, r.status);
  return fromCounts(c, policy);
}

export function fromCounts(c: AttendanceCounts, policy: AttendancePolicy = DEFAULT_ATTENDANCE_POLICY): AttendanceRate {
  const onDuty = c.onDuty ?? 0;
  const medical = c.medical ?? 0;
  let attended = c.present + c.late;
  let left = c.excused;
  for (const [n, rule] of [
    [onDuty, policy.onDuty],
    [medical, policy.medical],
  ] as const) {
    if (rule === "present") attended += n;
    else if (rule === "excluded") left += n;
  }
  const denominator = c.sessions - left;
  const rate = denominator > 0 ? (attended / denominator) * 100 : null;
  return {
    present: c.present,
    late: c.late,
    absent: c.absent,
    excused: c.excused,
    onDuty,
    medical,
    sessions: c.sessions,
    policy,
    rate,
    shown: rate === null ? null : roundHalfUp(rate, 1),
  };
}

/** The rate's formula under a policy, in words: "(present + late + on duty) / (recorded − excused − medical)". */
export function rateFormula(policy: AttendancePolicy = DEFAULT_ATTENDANCE_POLICY): string {
  const top = ["present", "late"];
  const out = ["excused"];
  for (const [name, rule] of [
    ["on duty", policy.onDuty],
    ["medical", policy.medical],
  ] as const) {
    if (rule === "present") top.push(name);
    else if (rule === "excluded") out.push(name);
  }
  return `(${top.join(" + ")}) / (recorded − ${out.join(" − ")})`;
}
