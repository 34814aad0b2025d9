import { z } from "zod";
import { route } from "@/lib/route";
import { parseListParams } from "@/lib/list";
import { leadFilters } from "@/lib/filters/leads";
import { csvResponse, toCsv } from "@/lib/csv";
import { allPages } from "@/lib/all-pages";
import { listLeads } from "@/db/queries/leads";

export const GET = route({ access: "leads.read", schema: z.record(z.string(), z.string()) }, async (input, { user }) => {
  const params = parseListParams(input, { sort: "created", dir: "desc" });
  const rows = await allPages((page) => listLeads(user, { ...params, page, size: 100 }, leadFilters(input, user)));
  return csvResponse(
    "leads.csv",
    toCsv(rows, [
      { key: "studentName", header: "Student name" },
      { key: "email", header: "Email" },
      { key: "phone", header: "Phone" },
      { key: "programOfInterest", header: "Program" },
      { key: "source", header: "Source" },
      { key: "status", header: "Status" },
      { key: "ownerName", header: "Owner" },
      { key: "institutionName", header: "Institution" },
      { key: "followUpOn", header: "Follow-up" },
      { key: "nextStep", header: "Next step" },
      { key: "createdAt", header: "Created" },
    ]),
  );
});
