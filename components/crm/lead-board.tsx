"use client";

import Link from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { NativeSelect } from "@/components/ui/native-select";
import { LEAD_STATUSES, type LeadStatus } from "@/lib/constants";
import { setLeadStatusAction } from "@/app/(staff)/leads/actions";
import { FollowUpDate } from "@/components/tables/leads/leads-table";

type Card = { id: number; studentName: string; programOfInterest: string; source: string; followUpOn: string | null; ownerName: string | null };
type Column = { status: LeadStatus; rows: Card[]; total: number };

/** The pipeline by status; move a lead with its status menu (works with a keyboard and on a phone). */
export function LeadBoard({ columns }: { columns: Column[] }) {
  const router = useRouter();
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4" data-testid="lead-board">
      {columns.map((col) => (
        <section
          key={col.status}
          aria-labelledby={`col-${col.status}`}
          className="flex flex-col rounded-lg border bg-muted/40"
          data-testid={`board-${col.status}`}
        >
          <h2 id={`col-${col.status}`} className="flex items-center justify-between border-b px-3 py-2 text-sm font-semibold">
            {col.status}
            <span className="rounded-full bg-background px-2 text-xs tabular-nums">{col.total}</span>
          </h2>
          <ul className="flex max-h-[70vh] flex-col gap-2 overflow-y-auto p-2">
            {col.rows.length === 0 && <li className="p-2 text-sm text-muted-foreground">No leads</li>}
            {col.rows.map((lead) => (
              <li key={lead.id} className="space-y-1.5 rounded-md border bg-card p-3 text-sm shadow-xs">
                <Link href={`/leads/${lead.id}`} className="font-medium text-primary hover:underline">
                  {lead.studentName}
                </Link>
                <p className="text-xs text-muted-foreground">
                  {lead.programOfInterest} · {lead.source}
                </p>
                <p className="text-xs">
                  Follow-up: <FollowUpDate date={lead.followUpOn} status={col.status} />
                </p>
                <NativeSelect
                  aria-label={`Status of ${lead.studentName}`}
                  value={col.status}
                  className="h-8 text-xs"
                  onChange={async (e) => {
                    const status = e.target.value as LeadStatus;
                    const r = await setLeadStatusAction(null, { id: lead.id, status });
                    if (r.ok) {
                      toast.success(`${lead.studentName} → ${status}`);
                      router.refresh();
                    } else toast.error(r.message);
                  }}
                >
                  {LEAD_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </NativeSelect>
              </li>
            ))}
            {col.total > col.rows.length && (
              <li className="p-2 text-center text-xs">
                <Link href={`/leads?status=${col.status}`} className="text-primary hover:underline">
                  All {col.total} {col.status} leads
                </Link>
              </li>
            )}
          </ul>
        </section>
      ))}
    </div>
  );
}
