"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { reportRunSchema, reportScopeSchema } from "@/lib/forms/report";
import { continueReportRun, resendUnopened, startReportRun, type ReportScope } from "@/db/queries/reports";

export const startReportRunAction = action({ access: "reports.send", schema: reportScopeSchema }, async (scope, { user }) => {
  const run = await startReportRun(user, scope as ReportScope);
  revalidatePath("/reports");
  return { runId: run.id, total: run.total };
});

/** One batch at a time, so a long run shows progress and can be left and resumed. */
export const continueReportRunAction = action({ access: "reports.send", schema: reportRunSchema }, async ({ runId }, { user }) => {
  return continueReportRun(user, runId);
});

/** The run's report again, to just the recipients who have not opened their link (the run page asks first). */
export const resendUnopenedAction = action({ access: "reports.send", schema: reportRunSchema }, async ({ runId }, { user }) => {
  const r = await resendUnopened(user, runId);
  revalidatePath(`/reports/${runId}`);
  return r;
});
