import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { parseListParams, type SearchParams } from "@/lib/list";
import { condonationFilters } from "@/lib/filters/eligibility";
import { listCondonations, pendingCondonations } from "@/db/queries/condonations";
import { eligibilityTermOptions } from "@/db/queries/eligibility";
import { PageHeader } from "@/components/shell/page-header";
import { ListToolbar } from "@/components/tables/list-toolbar";
import { CondonationsTable } from "@/components/tables/eligibility/condonations-table";

export const metadata: Metadata = { title: "Condonations" };

export default async function CondonationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("condonations.request");
  const sp = await searchParams;
  const filters = condonationFilters(sp);
  const params = parseListParams(sp, { sort: "requested", dir: filters.view === "pending" ? "asc" : "desc" });
  const [page, pending, terms] = await Promise.all([listCondonations(user, params, filters), pendingCondonations(user), eligibilityTermOptions(user)]);
  const canDecide = can(user.role, "condonations.decide");
  return (
    <>
      <PageHeader
        title="Condonation requests"
        description={
          <>
            {pending} waiting for a decision. A candidate whose attendance is in the condonation band may sit the exam once an admin approves a request
            {canDecide ? "; each decision is recorded in the audit log" : "; only an admin decides"}.{user.role === "faculty" && " Only the courses you teach."}
          </>
        }
        actions={
          <Link href="/attendance/detention" className="text-sm text-primary hover:underline">
            Detention list
          </Link>
        }
      />
      <ListToolbar
        searchPlaceholder="Search candidate, course or reason"
        filters={[
          {
            key: "state",
            label: "State",
            allLabel: "Pending",
            options: [
              { value: "decided", label: "Decided" },
              { value: "approved", label: "Approved" },
              { value: "refused", label: "Refused" },
              { value: "all", label: "All" },
            ],
          },
          { key: "term", label: "Term", allLabel: "Any term", options: terms.map((t) => ({ value: String(t.id), label: t.name })) },
        ]}
      />
      <CondonationsTable
        canDecide={canDecide}
        data={page.rows.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null }))}
        total={page.total}
        page={page.page}
        size={page.size}
        sort={params.sort}
        dir={params.dir}
      />
    </>
  );
}
