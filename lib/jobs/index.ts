import "server-only";
import { deliverEmails, endOfTermReports, followUpReminders, taskDigest } from "@/db/queries/jobs";

// Scheduled work. Each job is idempotent for its period (a day, a term), so running it
// twice — from cron and by hand — does its work once.
export const JOBS = {
  "follow-up-reminders": followUpReminders,
  "task-digest": taskDigest,
  "end-of-term-reports": endOfTermReports,
  "deliver-emails": deliverEmails,
} as const;

export type JobName = keyof typeof JOBS;

export function isJob(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}

export async function runJob(name: JobName) {
  return JOBS[name]();
}
