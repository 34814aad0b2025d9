import { z } from "zod";
import { route } from "@/lib/route";
import { parseListParams } from "@/lib/list";
import { candidateFilters } from "@/lib/filters/candidates";
import { can } from "@/lib/auth/permissions";
import { csvResponse, toCsv } from "@/lib/csv";
import { exportCandidates } from "@/db/queries/candidates";

/** The candidate list as CSV, with the same filters and order as the screen. */
export const GET = route({ access: "candidates.read", schema: z.record(z.string(), z.string()) }, async (input, { user }) => {
  const rows = await exportCandidates(user, parseListParams(input, { sort: "name" }), candidateFilters(input, user));
  const columns = [
    { key: "candidateNumber", header: "Candidate number" },
    { key: "fullName", header: "Full name" },
    { key: "email", header: "Email" },
    { key: "programCode", header: "Program" },
    { key: "advisorName", header: "Advisor" },
    { key: "status", header: "Status" },
    ...(can(user.role, "marks.read") ? [{ key: "average", header: "Average %" }] : []),
    { key: "openAlerts", header: "Open alerts" },
  ];
  return csvResponse(`candidates-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(rows, columns));
});
