import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { first, parseListParams, type SearchParams } from "@/lib/list";
import { listCourses } from "@/db/queries/courses";
import { listPrograms } from "@/db/queries/programs";
import { listTerms } from "@/db/queries/terms";
import { listStaff } from "@/db/queries/users";
import { PageHeader } from "@/components/shell/page-header";
import { ListToolbar } from "@/components/tables/list-toolbar";
import { CoursesTable } from "@/components/tables/courses/courses-table";
import { CourseFormDialog } from "@/components/tables/courses/course-form-dialog";

export const metadata: Metadata = { title: "Courses" };

export default async function CoursesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("courses.read");
  const sp = await searchParams;
  const params = parseListParams(sp, { sort: "term", dir: "desc" });
  const programId = Number(first(sp.program)) || undefined;
  const termId = Number(first(sp.term)) || undefined;
  const [page, programs, terms] = await Promise.all([listCourses(user, params, { programId, termId }), listPrograms(), listTerms()]);
  const admin = can(user.role, "academics.manage");
  const faculty = admin ? (await listStaff(user)).filter((s) => s.role !== "counsellor") : [];
  return (
    <>
      <PageHeader
        title={admin ? "Courses" : "My courses"}
        description={admin ? "Every course, its teachers and enrolments." : "The courses you teach: assessments, marks and attendance."}
        actions={
          admin ? (
            <CourseFormDialog
              programs={programs.map((p) => ({ id: p.id, label: `${p.code} — ${p.name}` }))}
              terms={terms.map((t) => ({ id: t.id, label: t.name }))}
              faculty={faculty.map((f) => ({ id: f.id, label: f.fullName }))}
            />
          ) : undefined
        }
      />
      <ListToolbar
        searchPlaceholder="Search code or name"
        filters={[
          { key: "program", label: "Program", allLabel: "All programs", options: programs.map((p) => ({ value: String(p.id), label: p.code })) },
          { key: "term", label: "Term", allLabel: "All terms", options: terms.map((t) => ({ value: String(t.id), label: t.name })) },
        ]}
      />
      <CoursesTable data={page.rows} total={page.total} page={page.page} size={page.size} sort={params.sort} dir={params.dir} />
    </>
  );
}
