import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { first, parseListParams, type SearchParams } from "@/lib/list";
import { ALERT_RULES, type AlertRule } from "@/lib/constants";
import { RULE_LABELS } from "@/lib/alerts/labels";
import { listAlerts } from "@/db/queries/alerts";
import { listCourseOptions } from "@/db/queries/courses";
import { facultyOptions, programOptions } from "@/db/queries/options";
import { PageHeader } from "@/components/shell/page-header";
import { ListToolbar } from "@/components/tables/list-toolbar";
import { AlertsTable } from "@/components/tables/alerts/alerts-table";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("alerts.read");
  const sp = await searchParams;
  const params = parseListParams(sp, { sort: "raised", dir: "desc" });
  const rule = first(sp.rule) as AlertRule | undefined;
  const state = first(sp.state);
  const advisor = first(sp.advisor);
  const [page, programs, advisors, courses] = await Promise.all([
    listAlerts(user, params, {
      rule: ALERT_RULES.includes(rule as AlertRule) ? rule : undefined,
      state: state === "resolved" || state === "all" ? state : "open",
      courseId: Number(first(sp.course)) || undefined,
      programId: Number(first(sp.program)) || undefined,
      advisorId: advisor === "me" ? user.id : Number(advisor) || undefined,
    }),
    programOptions(),
    facultyOptions(),
    can(user.role, "courses.read") ? listCourseOptions(user) : Promise.resolve([]),
  ]);
  return (
    <>
      <PageHeader title="At-risk alerts" description="Raised when a rule becomes true, resolved when it stops. Each new alert opens an intervention task." />
      <ListToolbar
        searchPlaceholder="Search candidate or message"
        filters={[
          {
            key: "state",
            label: "State",
            allLabel: "Open",
            options: [
              { value: "resolved", label: "Resolved" },
              { value: "all", label: "All" },
            ],
          },
          { key: "rule", label: "Rule", allLabel: "Any rule", options: ALERT_RULES.map((r) => ({ value: r, label: RULE_LABELS[r] })) },
          ...(courses.length
            ? [
                {
                  key: "course",
                  label: "Course",
                  allLabel: "Any course",
                  options: courses.map((c) => ({ value: String(c.id), label: `${c.code} · ${c.termName}` })),
                },
              ]
            : []),
          { key: "program", label: "Program", allLabel: "Any program", options: programs.map((p) => ({ value: String(p.id), label: p.label })) },
          {
            key: "advisor",
            label: "Advisor",
            allLabel: "Any advisor",
            options: [
              ...(user.role === "faculty" ? [{ value: "me", label: "My advisees" }] : []),
              ...advisors.map((a) => ({ value: String(a.id), label: a.label })),
            ],
          },
        ]}
      />
      <AlertsTable
        canAck={can(user.role, "alerts.acknowledge")}
        data={page.rows.map((r) => ({
          ...r,
          raisedAt: r.raisedAt.toISOString(),
          acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
          resolvedAt: r.resolvedAt?.toISOString() ?? null,
        }))}
        total={page.total}
        page={page.page}
        size={page.size}
        sort={params.sort}
        dir={params.dir}
      />
    </>
  );
}
