import type { AttendanceStatus } from "@/lib/constants";
import { roundHalfUp } from "./round";

export type AttendanceRate = {
  rate: number | null;
  shown: number | null;
  present: number;
  late: number;
  absent: number;
  excused: number;
  sessions: number;
};

/** (present + late) / (sessions recorded − excused) × 100; empty when nothing is countable. */
export function attendanceRate(records: { status: AttendanceStatus }[]): AttendanceRate {
  const c = { present: 0, late: 0, absent: 0, excused: 0 };
  for (const r of records) c[r.status] += 1;
  return fromCounts({ ...c, sessions: records.length });
}

export function fromCounts(c: { present: number; late: number; absent: number; excused: number; sessions: number }): AttendanceRate {
  const denominator = c.sessions - c.excused;
  const rate = denominator > 0 ? ((c.present + c.late) / denominator) * 100 : null;
  return { ...c, rate, shown: rate === null ? null : roundHalfUp(rate, 1) };
}
