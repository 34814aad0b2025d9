import { z } from "zod";
import { route } from "@/lib/route";
import { parseListParams } from "@/lib/list";
import { taskFilters } from "@/lib/filters/tasks";
import { csvResponse, toCsv } from "@/lib/csv";
import { allPages } from "@/lib/all-pages";
import { listTasks } from "@/db/queries/tasks";

export const GET = route({ access: "tasks.manage", schema: z.record(z.string(), z.string()) }, async (input, { user }) => {
  const params = parseListParams(input, { sort: "due", dir: "asc" });
  const rows = await allPages((page) => listTasks(user, { ...params, page, size: 100 }, taskFilters(input, user)));
  return csvResponse(
    "tasks.csv",
    toCsv(rows, [
      { key: "title", header: "Title" },
      { key: "description", header: "Description" },
      { key: "dueAt", header: "Due" },
      { key: "ownerName", header: "Owner" },
      { key: "status", header: "Status" },
      { key: "leadName", header: "Lead" },
      { key: "candidateName", header: "Candidate" },
    ]),
  );
});
