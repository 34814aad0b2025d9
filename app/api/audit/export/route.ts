import { z } from "zod";
import { route } from "@/lib/route";
import { parseListParams } from "@/lib/list";
import { auditFilters } from "@/lib/filters/audit";
import { csvResponse, toCsv } from "@/lib/csv";
import { allPages } from "@/lib/all-pages";
import { listAuditEvents } from "@/db/queries/audit";

export const GET = route({ access: "audit.read", schema: z.record(z.string(), z.string()) }, async (input, { user }) => {
  const params = parseListParams(input, { sort: "at", dir: "desc" });
  // The trail can be long: bigger pages than a screen's, so the offsets stay few.
  const rows = await allPages((page) => listAuditEvents(user, { ...params, page, size: 1000 }, auditFilters(input)));
  return csvResponse(
    "audit-log.csv",
    toCsv(
      rows.map((r) => ({
        ...r,
        actorName: r.actorName ?? "Markbook",
        before: r.before ? JSON.stringify(r.before) : null,
        after: r.after ? JSON.stringify(r.after) : null,
      })),
      [
        { key: "at", header: "When" },
        { key: "actorName", header: "Who" },
        { key: "action", header: "Action" },
        { key: "entity", header: "Record type" },
        { key: "entityId", header: "Record" },
        { key: "before", header: "Before" },
        { key: "after", header: "After" },
      ],
    ),
  );
});
