import { z } from "zod";
import { route } from "@/lib/route";
import { parseListParams } from "@/lib/list";
import { detentionFilters } from "@/lib/filters/eligibility";
import { csvResponse, toCsv } from "@/lib/csv";
import { exportDetentions } from "@/db/queries/eligibility";

/** The detention list as CSV (UTF-8 with a BOM), with the same term, filters and order as the screen. */
export const GET = route({ access: "eligibility.read", schema: z.record(z.string(), z.string()) }, async (input, { user }) => {
  const { rows } = await exportDetentions(user, parseListParams(input, { sort: "candidate" }), detentionFilters(input));
  const columns = [
    { key: "candidateNumber", header: "Candidate number" },
    { key: "candidateName", header: "Candidate" },
    { key: "courseCode", header: "Course" },
    { key: "programCode", header: "Program" },
    { key: "rate", header: "Attendance %" },
    { key: "minimum", header: "Minimum %" },
    { key: "condonableFrom", header: "Condonable from %" },
    { key: "reasonLabel", header: "Why" },
    { key: "reason", header: "Reason" },
  ];
  return csvResponse(
    `detention-list-${new Date().toISOString().slice(0, 10)}.csv`,
    toCsv(
      rows.map((r) => ({ ...r, rate: r.shown === null ? null : r.shown.toFixed(1) })),
      columns,
    ),
  );
});
