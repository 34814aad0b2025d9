import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { parseListParams, type SearchParams } from "@/lib/list";
import { candidateFilters } from "@/lib/filters/candidates";
import { listCandidates } from "@/db/queries/candidates";
import { listCourseOptions } from "@/db/queries/courses";
import { facultyOptions, programOptions } from "@/db/queries/options";
import { PageHeader } from "@/components/shell/page-header";
import { ListToolbar } from "@/components/tables/list-toolbar";
import { CandidatesTable } from "@/components/tables/candidates/candidates-table";
import { ExportCsvButton } from "@/components/tables/export-csv-button";
import { buttonVariants } from "@/components/ui/button";

export const metadata: Metadata = { title: "Candidates" };

export default async function CandidatesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("candidates.read");
  const sp = await searchParams;
  const params = parseListParams(sp, { sort: "name" });
  const filters = candidateFilters(sp, user);
  const [page, programs, advisors, courses] = await Promise.all([
    listCandidates(user, params, filters),
    programOptions(),
    facultyOptions(),
    can(user.role, "courses.read") ? listCourseOptions(user) : Promise.resolve([]),
  ]);
  const mine = sp.advisor === "me";
  return (
    <>
      <PageHeader
        title={mine ? "My students" : "Candidates"}
        description={
          mine
            ? "Candidates you advise."
            : user.role === "faculty"
              ? "Your advisees and the candidates in your courses."
              : "Everyone on the books, with their results and alerts."
        }
        actions={
          can(user.role, "candidates.create") && (
            <Link href="/candidates/new" className={buttonVariants()}>
              Add candidate
            </Link>
          )
        }
      />
      <ListToolbar
        searchPlaceholder="Search name, number, email or phone"
        filters={[
          { key: "program", label: "Program", allLabel: "All programs", options: programs.map((p) => ({ value: String(p.id), label: p.label })) },
          ...(courses.length
            ? [
                {
                  key: "course",
                  label: "Course",
                  allLabel: "All courses",
                  options: courses.map((c) => ({ value: String(c.id), label: `${c.code} · ${c.termName}` })),
                },
              ]
            : []),
          {
            key: "status",
            label: "Status",
            allLabel: "Any status",
            options: ["active", "withdrawn", "graduated"].map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) })),
          },
          {
            key: "advisor",
            label: "Advisor",
            allLabel: "Any advisor",
            options: [
              ...(user.role === "faculty" ? [{ value: "me", label: "Me (my students)" }] : []),
              ...advisors.map((a) => ({ value: String(a.id), label: a.label })),
            ],
          },
          { key: "risk", label: "At risk", allLabel: "At risk or not", options: [{ value: "1", label: "At risk only" }] },
        ]}
      >
        <ExportCsvButton href="/api/candidates/export" searchParams={sp} />
      </ListToolbar>
      <CandidatesTable data={page.rows} total={page.total} page={page.page} size={page.size} sort={page.sort} dir={params.dir} showResults={page.results} />
    </>
  );
}
