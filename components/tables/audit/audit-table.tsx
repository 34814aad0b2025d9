"use client";

import Link from "@/components/ui/link";
import { Badge } from "@/components/ui/badge";
import { columnHelperFor, DataTable, type ListColumns } from "@/components/tables/data-table";
import { formatDateTime } from "@/lib/format";
import { auditChanges, auditHref, auditValue, entityLabel } from "@/lib/audit";
import { AUDIT_SORTS } from "@/lib/filters/audit";
import type { AuditRow } from "@/db/queries/audit";

const col = columnHelperFor<AuditRow>();

/** What an event changed, folded away: field by field, before and after. */
function Changes({ row }: { row: AuditRow }) {
  const changes = auditChanges(row.before, row.after);
  if (!changes.length) return <span className="text-muted-foreground">—</span>;
  const sides = row.before && row.after ? "both" : row.after ? "after" : "before";
  return (
    <details className="max-w-xl">
      <summary className="cursor-pointer text-primary">
        {changes.length} field{changes.length === 1 ? "" : "s"}
        {sides === "after" ? " set" : sides === "before" ? " removed" : " changed"}
      </summary>
      <table className="mt-2 w-full text-xs" data-testid="audit-changes">
        <thead className="text-left text-muted-foreground">
          <tr>
            <th className="py-1 pr-3 font-medium">Field</th>
            {sides !== "after" && <th className="py-1 pr-3 font-medium">Before</th>}
            {sides !== "before" && <th className="py-1 font-medium">After</th>}
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field} className="border-t align-top">
              <th scope="row" className="py-1 pr-3 text-left font-medium">
                {c.field}
              </th>
              {sides !== "after" && <td className="whitespace-pre-wrap break-all py-1 pr-3 text-muted-foreground">{auditValue(c.before)}</td>}
              {sides !== "before" && <td className="whitespace-pre-wrap break-all py-1">{auditValue(c.after)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

const columns: ListColumns<AuditRow> = [
  col.accessor("at", { id: "at", header: "When", cell: (c) => <span className="whitespace-nowrap tabular-nums">{formatDateTime(c.row.original.at)}</span> }),
  col.accessor("actorName", { id: "actor", header: "Who", cell: (c) => c.row.original.actorName ?? "Markbook" }),
  col.accessor("action", { id: "action", header: "Action", cell: (c) => <Badge variant="outline">{c.row.original.action.replace(/-/g, " ")}</Badge> }),
  col.accessor("entity", {
    id: "entity",
    header: "Record",
    cell: (c) => {
      const { entity, entityId } = c.row.original;
      const href = c.row.original.action === "delete" ? undefined : auditHref(entity, entityId);
      const text = `${entityLabel(entity)} #${entityId}`;
      return href ? (
        <Link href={href} className="whitespace-nowrap text-primary hover:underline">
          {text}
        </Link>
      ) : (
        <span className="whitespace-nowrap">{text}</span>
      );
    },
  }),
  col.display({ id: "changes", header: "Before and after", cell: (c) => <Changes row={c.row.original} /> }),
];

export function AuditTable(props: { data: AuditRow[]; total: number; page: number; size: number; sort?: string; dir?: "asc" | "desc" }) {
  return (
    <DataTable
      columns={columns}
      sortable={AUDIT_SORTS}
      getRowId={(r) => String(r.id)}
      caption="Audit log"
      emptyTitle="No events match"
      emptyDescription="Try another actor, record type or dates."
      testId="audit-table"
      {...props}
    />
  );
}
