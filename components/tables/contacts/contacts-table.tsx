"use client";

import { Button } from "@/components/ui/button";
import { columnHelperFor, DataTable, type ListColumns } from "@/components/tables/data-table";
import { DeleteButton } from "@/components/crm/delete-button";
import { deleteContactAction } from "@/app/(staff)/contacts/actions";
import { CONTACT_SORTS } from "@/lib/filters/contacts";
import type { ContactRow } from "@/db/queries/contacts";
import { ContactDialog } from "./contact-dialog";

const col = columnHelperFor<ContactRow>();

export function ContactsTable({
  canManage,
  ...props
}: {
  data: ContactRow[];
  total: number;
  page: number;
  size: number;
  sort?: string;
  dir?: "asc" | "desc";
  canManage: boolean;
}) {
  const columns: ListColumns<ContactRow> = [
    col.accessor("fullName", { id: "name", header: "Name", cell: (c) => <span className="font-medium">{c.row.original.fullName}</span> }),
    col.accessor("role", { id: "role", header: "Role", cell: (c) => c.row.original.role ?? "—" }),
    col.accessor("institutionName", { id: "institution", header: "Institution", cell: (c) => c.row.original.institutionName ?? "—" }),
    col.accessor("email", {
      id: "email",
      header: "Email",
      cell: (c) =>
        c.row.original.email ? (
          <a className="text-primary hover:underline" href={`mailto:${c.row.original.email}`}>
            {c.row.original.email}
          </a>
        ) : (
          "—"
        ),
    }),
    col.accessor("phone", { id: "phone", header: "Phone", cell: (c) => c.row.original.phone ?? "—" }),
    col.accessor("leadCount", { id: "leads", header: "Leads referred", cell: (c) => <span className="tabular-nums">{c.row.original.leadCount}</span> }),
    ...(canManage
      ? [
          col.display({
            id: "actions",
            header: () => <span className="sr-only">Actions</span>,
            cell: (c) => (
              <span className="flex justify-end">
                <ContactDialog
                  contact={c.row.original}
                  trigger={
                    <Button variant="ghost" size="sm">
                      Edit
                    </Button>
                  }
                />
                <DeleteButton
                  id={c.row.original.id}
                  label={c.row.original.fullName}
                  description="Refused while leads name this contact as their referrer."
                  action={deleteContactAction}
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
      sortable={CONTACT_SORTS}
      getRowId={(r) => String(r.id)}
      caption="Contacts"
      emptyTitle="No contacts"
      testId="contacts-table"
      {...props}
    />
  );
}
