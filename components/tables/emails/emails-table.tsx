"use client";

import Link from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { columnHelperFor, DataTable, type ListColumns } from "@/components/tables/data-table";
import { formatDateTime } from "@/lib/format";
import type { IsoDates } from "@/lib/list";
import type { EmailListRow } from "@/db/queries/emails";
import { retryEmailAction } from "@/app/(staff)/admin/outbox/actions";

type Row = IsoDates<EmailListRow, "sentAt" | "createdAt">;
const col = columnHelperFor<Row>();

function Retry({ id }: { id: number }) {
  const router = useRouter();
  return (
    <Button
      size="sm"
      variant="outline"
      onClick={async () => {
        const r = await retryEmailAction(null, { id });
        if (r.ok) {
          toast[r.data.status === "sent" ? "success" : "error"](r.data.status === "sent" ? "Sent" : "Still failing; it will be retried");
          router.refresh();
        } else toast.error(r.message);
      }}
    >
      Retry now
    </Button>
  );
}

const columns: ListColumns<Row> = [
  col.accessor("subject", {
    id: "subject",
    header: "Subject",
    cell: (c) => (
      <Link href={`/admin/outbox/${c.row.original.id}`} className="font-medium text-primary hover:underline">
        {c.row.original.subject}
      </Link>
    ),
  }),
  col.accessor("to", { id: "to", header: "To" }),
  col.accessor("template", { id: "template", header: "Template" }),
  col.accessor("status", {
    id: "status",
    header: "Status",
    cell: (c) => (
      <span className="flex flex-col gap-0.5">
        <Badge variant={c.row.original.status === "sent" ? "success" : c.row.original.status === "failed" ? "destructive" : "secondary"}>
          {c.row.original.status}
          {c.row.original.transport === "outbox" && c.row.original.status === "sent" ? " · outbox" : ""}
        </Badge>
        {c.row.original.error && (
          <span className="max-w-xs truncate text-xs text-destructive" title={c.row.original.error}>
            {c.row.original.error}
          </span>
        )}
      </span>
    ),
  }),
  col.accessor("attempts", { id: "attempts", header: "Tries" }),
  col.accessor("createdAt", { id: "created", header: "Written", cell: (c) => formatDateTime(c.row.original.createdAt) }),
  col.display({
    id: "retry",
    header: () => <span className="sr-only">Retry</span>,
    cell: (c) => (c.row.original.status !== "sent" ? <Retry id={c.row.original.id} /> : null),
  }),
];

export function EmailsTable(props: { data: Row[]; total: number; page: number; size: number }) {
  return (
    <DataTable columns={columns} sortable={[]} getRowId={(r) => String(r.id)} caption="Email log" emptyTitle="No emails" testId="emails-table" {...props} />
  );
}
