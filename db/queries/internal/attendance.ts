import "server-only";
import { sql } from "drizzle-orm";
import { attendance } from "@/db/schema";

/**
 * The attendance records of a group counted per status, for lib/results' fromCounts: one
 * place, so a new status is counted everywhere at once. `sessions` counts the records (a
 * left join's missing row is not one).
 */
export function attendanceCountColumns() {
  return {
    present: sql<number>`coalesce(sum(${attendance.status} = 'present'), 0)`,
    late: sql<number>`coalesce(sum(${attendance.status} = 'late'), 0)`,
    absent: sql<number>`coalesce(sum(${attendance.status} = 'absent'), 0)`,
    excused: sql<number>`coalesce(sum(${attendance.status} = 'excused'), 0)`,
    onDuty: sql<number>`coalesce(sum(${attendance.status} = 'on_duty'), 0)`,
    medical: sql<number>`coalesce(sum(${attendance.status} = 'medical'), 0)`,
    sessions: sql<number>`count(${attendance.id})`,
  };
}
