import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { parseListParams, type SearchParams } from "@/lib/list";
import { DETENTION_REASONS, detentionFilters } from "@/lib/filters/eligibility";
import { DETENTION_REASON_LABELS } from "@/lib/results/eligibility";
import { eligibilityCourseOptions, eligibilityTermOptions, listDetentions } from "@/db/queries/eligibility";
import { programOptions } from "@/db/queries/options";
import { PageHeader } from "@/components/shell/page-header";
import { ListToolbar } from "@/components/tables/list-toolbar";
import { ExportCsvButton } from "@/components/tables/export-csv-button";
import { DetentionTable } from "@/components/tables/eligibility/detention-table";

export const metadata: Metadata = { title: "Detention list" };

export default async function DetentionPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("eligibility.read");
  const sp = await searchParams;
  const params = parseListParams(sp, { sort: "candidate" });
  const filters = detentionFilters(sp);
  const [page, terms, programs] = await Promise.all([listDetentions(user, params, filters), eligibilityTermOptions(user), programOptions()]);
  const courses = page.termId ? await eligibilityCourseOptions(user, page.termId) : [];
  const term = terms.find((t) => t.id === page.termId);
  return (
    <>
      <PageHeader
        title="Detention list"
        description={
          <>
            Who may not sit which end-of-term exam for attendance{term ? ` in ${term.name}` : ""}, and why: below the condonation band, in the band without an
            approved condonation, or with the condonation refused.
            {user.role === "faculty" && " Only the courses you teach."}
          </>
        }
        actions={
          can(user.role, "condonations.request") && (
            <Link href="/attendance/condonations" className="text-sm text-primary hover:underline">
              Condonation requests
            </Link>
          )
        }
      />
      <ListToolbar
        searchPlaceholder="Search candidate or course"
        filters={[
          {
            key: "term",
            label: "Term",
            allLabel: term ? `${term.name} (current)` : "Current term",
            options: terms.filter((t) => t.id !== page.termId || filters.termId).map((t) => ({ value: String(t.id), label: t.name })),
          },
          { key: "course", label: "Course", allLabel: "Any course", options: courses.map((c) => ({ value: String(c.id), label: `${c.code} ${c.name}` })) },
          { key: "program", label: "Program", allLabel: "Any program", options: programs.map((p) => ({ value: String(p.id), label: p.label })) },
          { key: "reason", label: "Why", allLabel: "Any reason", options: DETENTION_REASONS.map((r) => ({ value: r, label: DETENTION_REASON_LABELS[r] })) },
        ]}
      >
        <ExportCsvButton href="/api/attendance/detention/export" searchParams={sp} />
      </ListToolbar>
      <p className="mb-2 text-sm text-muted-foreground" data-testid="detention-count">
        {page.total} {page.total === 1 ? "candidate × course" : "candidates × courses"} detained
      </p>
      <DetentionTable data={page.rows} total={page.total} page={page.page} size={page.size} sort={params.sort} dir={params.dir} />
    </>
  );
}
