"use client";

import { Badge } from "@/components/ui/badge";
import { CandidateCell } from "@/components/tables/cells";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { FormField } from "@/components/ui/form-field";
import { FormDialog } from "@/components/forms/form-dialog";
import { columnHelperFor, DataTable, type ListColumns } from "@/components/tables/data-table";
import { formatDateTime } from "@/lib/format";
import { formatPercent } from "@/lib/results/round";
import { CONDONATION_STATUS_LABELS } from "@/lib/constants";
import type { IsoDates } from "@/lib/list";
import { CONDONATION_SORTS } from "@/lib/filters/eligibility";
import type { CondonationRow } from "@/db/queries/condonations";
import { decideCondonationAction } from "@/app/(staff)/attendance/condonations/actions";

type Row = IsoDates<CondonationRow, "requestedAt" | "decidedAt">;
const col = columnHelperFor<Row>();

const VARIANT = { requested: "warning", approved: "success", refused: "destructive" } as const;

/** Approve or refuse one request: a dialog that says what follows, with the decision note; refusing needs one. */
function Decide({ row, decision }: { row: Row; decision: "approved" | "refused" }) {
  const approve = decision === "approved";
  const who = `${row.candidateName} in ${row.courseCode}`;
  return (
    <FormDialog
      trigger={
        <Button size="sm" variant={approve ? "default" : "outline"} aria-label={`${approve ? "Approve" : "Refuse"} the condonation for ${who}`}>
          {approve ? "Approve" : "Refuse"}
        </Button>
      }
      title={`${approve ? "Approve" : "Refuse"} the condonation for ${who}?`}
      description={
        approve
          ? `Attendance ${formatPercent(row.rateAtRequest)} at the request. Once approved, ${row.candidateName} may sit the ${row.courseCode} exam and the condonation counts towards their limit. The decision is recorded in the audit log and cannot be changed.`
          : `${row.candidateName} stays on the detention list for ${row.courseCode}, with the condonation refused. The decision is recorded in the audit log and cannot be changed.`
      }
      action={decideCondonationAction}
      submitLabel={approve ? "Approve condonation" : "Refuse condonation"}
      successMessage={approve ? `Condonation approved: ${row.candidateName} may sit ${row.courseCode}` : `Condonation refused for ${who}`}
    >
      {({ errors, values }) => (
        <>
          <input type="hidden" name="id" value={row.id} />
          <input type="hidden" name="decision" value={decision} />
          <div className="rounded-md border bg-muted/40 p-3 text-sm">
            <p>
              <span className="font-medium">Reason:</span> {row.reason}
            </p>
            {row.documentNote && (
              <p>
                <span className="font-medium">Document:</span> {row.documentNote}
              </p>
            )}
          </div>
          <FormField
            label={approve ? "Decision note (optional)" : "Why it is refused"}
            name="note"
            id={`note-${decision}-${row.id}`}
            required={!approve}
            error={errors?.note?.[0]}
          >
            <Textarea
              name="note"
              defaultValue={values?.note}
              placeholder={approve ? "e.g. Certificate verified with the hospital." : "e.g. No medical certificate."}
            />
          </FormField>
        </>
      )}
    </FormDialog>
  );
}

export function CondonationsTable({
  canDecide,
  ...props
}: {
  data: Row[];
  total: number;
  page: number;
  size: number;
  sort?: string;
  dir?: "asc" | "desc";
  canDecide: boolean;
}) {
  const columns: ListColumns<Row> = [
    col.accessor("candidateName", {
      id: "candidate",
      header: "Candidate",
      cell: (c) => (
        <CandidateCell
          id={c.row.original.candidateId}
          name={c.row.original.candidateName}
          number={c.row.original.candidateNumber}
          phone={
            // A phone shows the row's essentials and the decision here; the other columns are scrolled to.
            <span className="mt-1 flex flex-col items-start gap-1 text-xs sm:hidden">
              <span>
                {c.row.original.courseCode} · {formatPercent(c.row.original.rateAtRequest)}
              </span>
              {c.row.original.status === "requested" && canDecide ? (
                <span className="flex gap-2">
                  <Decide row={c.row.original} decision="approved" />
                  <Decide row={c.row.original} decision="refused" />
                </span>
              ) : (
                <Badge variant={VARIANT[c.row.original.status]}>{CONDONATION_STATUS_LABELS[c.row.original.status]}</Badge>
              )}
            </span>
          }
        />
      ),
    }),
    col.accessor("courseCode", {
      id: "course",
      header: "Course",
      cell: (c) => (
        <span className="flex flex-col">
          <span className="font-medium">{c.row.original.courseCode}</span>
          <span className="text-xs text-muted-foreground">{c.row.original.termName}</span>
        </span>
      ),
    }),
    col.accessor("rateAtRequest", {
      id: "rate",
      header: "Attendance",
      cell: (c) => <span className="tabular-nums">{formatPercent(c.row.original.rateAtRequest)}</span>,
    }),
    col.accessor("reason", {
      id: "reason",
      header: "Reason and document",
      cell: (c) => (
        <span className="flex max-w-xs flex-col whitespace-normal text-sm">
          <span>{c.row.original.reason}</span>
          {c.row.original.documentNote && <span className="text-xs text-muted-foreground">{c.row.original.documentNote}</span>}
        </span>
      ),
    }),
    col.accessor("requestedAt", {
      id: "requested",
      header: "Requested",
      cell: (c) => (
        <span className="flex flex-col text-sm">
          <span>{formatDateTime(c.row.original.requestedAt)}</span>
          <span className="text-xs text-muted-foreground">by {c.row.original.requestedBy ?? "a former user"}</span>
        </span>
      ),
    }),
    col.accessor("decidedAt", {
      id: "decided",
      header: "Decision",
      cell: (c) => {
        const r = c.row.original;
        if (r.status === "requested")
          return canDecide ? (
            <span className="hidden flex-wrap gap-2 sm:flex">
              <Decide row={r} decision="approved" />
              <Decide row={r} decision="refused" />
            </span>
          ) : (
            <Badge variant="warning">Waiting for an admin</Badge>
          );
        return (
          <span className="flex max-w-xs flex-col items-start gap-1 whitespace-normal text-sm">
            <Badge variant={VARIANT[r.status]}>{CONDONATION_STATUS_LABELS[r.status]}</Badge>
            <span className="text-xs text-muted-foreground">
              {r.decidedBy ?? "a former user"}, {r.decidedAt ? formatDateTime(r.decidedAt) : ""}
            </span>
            {r.decisionNote && <span className="text-xs">{r.decisionNote}</span>}
          </span>
        );
      },
    }),
  ];
  return (
    <DataTable
      columns={columns}
      sortable={CONDONATION_SORTS}
      getRowId={(r) => String(r.id)}
      caption="Condonation requests"
      emptyTitle="No requests here"
      emptyDescription="Requests are made from a candidate's page, in the attendance section, when their attendance is in the condonation band."
      testId="condonations-table"
      {...props}
    />
  );
}
