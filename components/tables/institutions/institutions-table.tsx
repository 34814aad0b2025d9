"use client";

import Link from "@/components/ui/link";
import { Button } from "@/components/ui/button";
import { columnHelperFor, DataTable, type ListColumns } from "@/components/tables/data-table";
import { DeleteButton } from "@/components/crm/delete-button";
import { formatDate } from "@/lib/format";
import { deleteInstitutionAction } from "@/app/(staff)/institutions/actions";
import type { IsoDates } from "@/lib/list";
import { INSTITUTION_SORTS } from "@/lib/filters/institutions";
import type { InstitutionRow } from "@/db/queries/institutions";
import { InstitutionDialog } from "./institution-dialog";

type Row = IsoDates<InstitutionRow, "createdAt">;
const col = columnHelperFor<Row>();

export function InstitutionsTable({
  canManage,
  ...props
}: {
  data: Row[];
  total: number;
  page: number;
  size: number;
  sort?: string;
  dir?: "asc" | "desc";
  canManage: boolean;
}) {
  const columns: ListColumns<Row> = [
    col.accessor("name", { id: "name", header: "Name", cell: (c) => <span className="font-medium">{c.row.original.name}</span> }),
    col.accessor("city", { id: "city", header: "City", cell: (c) => c.row.original.city ?? "—" }),
    col.accessor("state", { id: "state", header: "State", cell: (c) => c.row.original.state ?? "—" }),
    col.accessor("contactEmail", { id: "contact", header: "Contact", cell: (c) => c.row.original.contactEmail ?? "—" }),
    col.accessor("contactPhone", { id: "phone", header: "Phone", cell: (c) => c.row.original.contactPhone ?? "—" }),
    col.accessor("leadCount", {
      id: "leads",
      header: "Links",
      cell: (c) => (
        <span className="text-sm">
          <Link className="text-primary hover:underline" href={`/contacts?institution=${c.row.original.id}`}>
            {c.row.original.contactCount} contacts
          </Link>{" "}
          · {c.row.original.leadCount} leads ·{" "}
          <Link className="text-primary hover:underline" href={`/candidates?institution=${c.row.original.id}`}>
            {c.row.original.candidateCount} candidates
          </Link>
        </span>
      ),
    }),
    col.accessor("createdAt", { id: "created", header: "Created", cell: (c) => formatDate(c.row.original.createdAt) }),
    ...(canManage
      ? [
          col.display({
            id: "actions",
            header: () => <span className="sr-only">Actions</span>,
            cell: (c) => (
              <span className="flex justify-end">
                <InstitutionDialog
                  institution={c.row.original}
                  trigger={
                    <Button variant="ghost" size="sm">
                      Edit
                    </Button>
                  }
                />
                <DeleteButton
                  id={c.row.original.id}
                  label={c.row.original.name}
                  description="Refused while leads, candidates or contacts refer to it."
                  action={deleteInstitutionAction}
                />
              </span>
            ),
          }),
        ]
      : []),
  ];
  return (
    <DataTable
      columns={columns}
      sortable={INSTITUTION_SORTS}
      getRowId={(r) => String(r.id)}
      caption="Institutions"
      emptyTitle="No institutions"
      emptyDescription="Add the schools and colleges you work with."
      testId="institutions-table"
      {...props}
    />
  );
}
