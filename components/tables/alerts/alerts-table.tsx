"use client";

import Link from "@/components/ui/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { FormField } from "@/components/ui/form-field";
import { FormDialog } from "@/components/forms/form-dialog";
import { columnHelperFor, DataTable, type ListColumns } from "@/components/tables/data-table";
import { formatDateTime } from "@/lib/format";
import { RULE_LABELS } from "@/lib/alerts/labels";
import type { IsoDates } from "@/lib/list";
import { ALERT_SORTS } from "@/lib/filters/alerts";
import type { AlertRow } from "@/db/queries/alerts";
import { acknowledgeAlertAction } from "@/app/(staff)/alerts/actions";

type Row = IsoDates<AlertRow, "raisedAt" | "acknowledgedAt" | "resolvedAt">;
const col = columnHelperFor<Row>();

function Acknowledge({ row }: { row: Row }) {
  return (
    <FormDialog
      trigger={
        <Button size="sm" variant="outline">
          Acknowledge
        </Button>
      }
      title={`Acknowledge: ${row.candidateName}`}
      description={row.message}
      action={acknowledgeAlertAction}
      submitLabel="Acknowledge"
      successMessage="Alert acknowledged"
    >
      {({ errors, values }) => (
        <>
          <input type="hidden" name="id" value={row.id} />
          <FormField label="What was done or agreed (optional)" name="note" error={errors?.note?.[0]}>
            <Textarea name="note" defaultValue={values?.note} placeholder="e.g. Met with Asha; extra tutorial on Fridays." />
          </FormField>
        </>
      )}
    </FormDialog>
  );
}

export function AlertsTable({
  canAck,
  ...props
}: {
  data: Row[];
  total: number;
  page: number;
  size: number;
  sort?: string;
  dir?: "asc" | "desc";
  canAck: boolean;
}) {
  const columns: ListColumns<Row> = [
    col.accessor("candidateName", {
      id: "candidate",
      header: "Candidate",
      cell: (c) => (
        <Link href={`/candidates/${c.row.original.candidateId}`} className="font-medium text-primary hover:underline">
          {c.row.original.candidateName}
        </Link>
      ),
    }),
    col.accessor("rule", {
      id: "rule",
      header: "Rule",
      cell: (c) => <Badge variant={c.row.original.rule === "failing" ? "destructive" : "warning"}>{RULE_LABELS[c.row.original.rule]}</Badge>,
    }),
    col.accessor("message", { id: "message", header: "What tripped it", cell: (c) => <span className="whitespace-normal">{c.row.original.message}</span> }),
    col.accessor("raisedAt", { id: "raised", header: "Raised", cell: (c) => formatDateTime(c.row.original.raisedAt) }),
    col.display({
      id: "state",
      header: "State",
      cell: (c) =>
        c.row.original.resolvedAt ? (
          <Badge variant="success">Resolved {formatDateTime(c.row.original.resolvedAt)}</Badge>
        ) : c.row.original.acknowledgedAt ? (
          <span className="text-xs">
            <Badge variant="secondary">Acknowledged</Badge>
            {c.row.original.acknowledgeNote && <span className="block max-w-xs truncate text-muted-foreground">{c.row.original.acknowledgeNote}</span>}
          </span>
        ) : canAck ? (
          <Acknowledge row={c.row.original} />
        ) : (
          <Badge variant="destructive">Open</Badge>
        ),
    }),
  ];
  return (
    <DataTable
      columns={columns}
      sortable={ALERT_SORTS}
      getRowId={(r) => String(r.id)}
      caption="Alerts"
      emptyTitle="No alerts"
      emptyDescription="Nobody trips a rule right now."
      testId="alerts-table"
      {...props}
    />
  );
}
