import { z } from "zod";
import { route } from "@/lib/route";
import { parseListParams } from "@/lib/list";
import { csvResponse, toCsv } from "@/lib/csv";
import { listInstitutions } from "@/db/queries/institutions";
import { allPages } from "@/lib/all-pages";

export const GET = route({ access: "institutions.read", schema: z.record(z.string(), z.string()) }, async (input, { user }) => {
  const params = parseListParams(input, { sort: "name" });
  const rows = await allPages((page) => listInstitutions(user, { ...params, page, size: 100 }));
  return csvResponse(
    "institutions.csv",
    toCsv(rows, [
      { key: "name", header: "Name" },
      { key: "city", header: "City" },
      { key: "state", header: "State" },
      { key: "contactEmail", header: "Contact email" },
      { key: "contactPhone", header: "Contact phone" },
      { key: "leadCount", header: "Leads" },
      { key: "candidateCount", header: "Candidates" },
      { key: "createdAt", header: "Created" },
    ]),
  );
});
