import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requireUser } from "@/lib/auth/current-user";
import type { Actor } from "@/lib/actor";
import { adminDashboard, counsellorDashboard, facultyDashboard, upcomingTasksFor } from "@/db/queries/dashboard";
import { upcomingFollowups } from "@/db/queries/leads";
import { PageHeader } from "@/components/shell/page-header";
import { ActivityList, FollowupList, StatTile, TaskList } from "@/components/dashboard/tiles";
import { SectionCard } from "@/components/ui/section-card";
import { GradeDistributionChart, PipelineChart, ProgramResultsChart } from "@/components/charts/dashboard-charts";
import { buttonVariants } from "@/components/ui/button";
import { formatPercent } from "@/lib/results";

export const metadata: Metadata = { title: "Dashboard" };

const INTRO = {
  admin: "Everything across the institution: people, programs, results and relationships.",
  faculty: "Your courses, your advisees and the students who need you first.",
  counsellor: "Your leads, follow-ups and the candidates to reach out to.",
} as const;

export default async function DashboardPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title={`Welcome back, ${user.fullName.split(" ")[0]}`} description={INTRO[user.role]} />
      <div data-testid={`dashboard-${user.role}`} className="space-y-6">
        {user.role === "admin" && <AdminDashboard user={user} />}
        {user.role === "faculty" && <FacultyDashboard user={user} />}
        {user.role === "counsellor" && <CounsellorDashboard user={user} />}
      </div>
    </>
  );
}

const pipelineLinks = (extra = "") => Object.fromEntries(["New", "Qualified", "Converted", "Lost"].map((s) => [s, `/leads?status=${s}${extra}`]));

async function AdminDashboard({ user }: { user: Actor }) {
  const [d, followups, tasks] = await Promise.all([adminDashboard(user), upcomingFollowups(user, { limit: 5 }), upcomingTasksFor(user)]);
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-5">
        <StatTile
          label="Institutions"
          value={d.institutionsTotal}
          sub={`This month: ${d.institutionsThisMonth}`}
          href="/institutions"
          testId="tile-institutions"
        />
        <StatTile label="Active candidates" value={d.activeCandidates} href="/candidates?status=active" testId="tile-candidates" />
        <StatTile
          label="At risk"
          value={d.atRisk}
          sub={`${d.openAlerts} open alerts`}
          href="/candidates?risk=1"
          tone={d.atRisk ? "danger" : undefined}
          testId="tile-at-risk"
        />
        <StatTile label="Leads" value={d.leadsTotal} href="/leads" testId="tile-leads" />
        <StatTile label="Qualified this week" value={d.qualifiedThisWeek} href="/leads?status=Qualified&changed=week" testId="tile-qualified" />
      </div>
      <div className="flex flex-wrap gap-2">
        <Link href="/leads/new" className={buttonVariants({ variant: "outline", size: "sm" })}>
          + New lead
        </Link>
        <Link href="/institutions" className={buttonVariants({ variant: "outline", size: "sm" })}>
          + New institution
        </Link>
        <Link href="/contacts" className={buttonVariants({ variant: "outline", size: "sm" })}>
          Contacts
        </Link>
        <Link href="/imports" className={buttonVariants({ variant: "outline", size: "sm" })}>
          Import CSV
        </Link>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <SectionCard title="Leads pipeline" description="Leads created in the last 30 days, by status. Click a bar for the list.">
          <PipelineChart data={d.pipeline} hrefFor={pipelineLinks("&since=30d")} />
          <p className="mt-2 flex flex-wrap gap-3 text-sm" data-testid="pipeline-counts">
            {d.pipeline.map((p) => (
              <Link key={p.status} href={`/leads?status=${p.status}&since=30d`} className="text-primary hover:underline">
                {p.status}: {p.count}
              </Link>
            ))}
          </p>
        </SectionCard>
        <SectionCard title="Results by program" description="Average course result and share at or above the pass mark.">
          <ProgramResultsChart
            data={d.byProgram.map((p) => ({ code: p.code, average: p.average, passRate: p.graded ? (p.passing / p.graded) * 100 : null }))}
          />
        </SectionCard>
        <SectionCard
          title="Next 5 follow-ups"
          actions={
            <Link href="/leads?followUp=week" className="text-sm text-primary hover:underline">
              View all
            </Link>
          }
        >
          <FollowupList items={followups} />
        </SectionCard>
        <SectionCard
          title="Upcoming tasks"
          actions={
            <Link href="/tasks?status=not_done" className="text-sm text-primary hover:underline">
              View all
            </Link>
          }
        >
          <TaskList items={tasks} />
        </SectionCard>
      </div>
      <SectionCard title="Recent activity">
        <ActivityList items={d.activity} />
      </SectionCard>
    </>
  );
}

async function FacultyDashboard({ user }: { user: Actor }) {
  const [d, tasks] = await Promise.all([facultyDashboard(user), upcomingTasksFor(user)]);
  const grades = ["A+", "A", "B", "C", "D", "E", "F"];
  const byCourse = new Map<string, Record<string, string | number>>();
  for (const r of d.distribution) {
    const row = byCourse.get(r.code) ?? { course: r.code };
    row[r.grade ?? "—"] = r.n;
    byCourse.set(r.code, row);
  }
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatTile label="My advisees" value={d.advisees} href="/candidates?advisor=me" testId="tile-advisees" />
        <StatTile label="My courses" value={d.myCourses} href="/courses" testId="tile-courses" />
        <StatTile label="Students at risk" value={d.atRisk} href="/candidates?risk=1" tone={d.atRisk ? "danger" : undefined} testId="tile-at-risk" />
        <StatTile label="My open tasks" value={d.openTasks} href="/tasks?owner=me&status=not_done" testId="tile-tasks" />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <SectionCard title="Courses with marks to enter" description="Published assessments already due whose marks are not all in.">
          {d.ungraded.length === 0 ? (
            <p className="text-sm text-muted-foreground">All caught up.</p>
          ) : (
            <ul className="space-y-2 text-sm" data-testid="ungraded-courses">
              {d.ungraded.map((c) => (
                <li key={c.courseId} className="flex justify-between">
                  <Link href={`/courses/${c.courseId}/gradebook`} className="font-medium text-primary hover:underline">
                    {c.code} {c.name}
                  </Link>
                  <span className="text-muted-foreground">{c.assessments} assessment(s)</span>
                </li>
              ))}
            </ul>
          )}
        </SectionCard>
        <SectionCard
          title="Students at risk"
          actions={
            <Link href="/candidates?risk=1" className="text-sm text-primary hover:underline">
              View all
            </Link>
          }
        >
          {d.atRiskList.length === 0 ? (
            <p className="text-sm text-muted-foreground">No students flagged as at risk.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {d.atRiskList.map((a, i) => (
                <li key={i}>
                  <Link href={`/candidates/${a.candidateId}`} className="font-medium text-primary hover:underline">
                    {a.fullName}
                  </Link>
                  <span className="block text-xs text-muted-foreground">{a.message}</span>
                </li>
              ))}
            </ul>
          )}
        </SectionCard>
        <SectionCard title="Results distribution per course">
          {byCourse.size ? (
            <GradeDistributionChart data={[...byCourse.values()]} grades={grades} />
          ) : (
            <p className="text-sm text-muted-foreground">No results yet.</p>
          )}
        </SectionCard>
        <SectionCard
          title="My tasks"
          actions={
            <Link href="/tasks?owner=me" className="text-sm text-primary hover:underline">
              View all
            </Link>
          }
        >
          <TaskList items={tasks} />
        </SectionCard>
      </div>
      <SectionCard title="Recent advisor activity" description="Your recent work and changes to your advisees.">
        <ActivityList items={d.activity} />
      </SectionCard>
    </>
  );
}

async function CounsellorDashboard({ user }: { user: Actor }) {
  const [d, followups, tasks] = await Promise.all([counsellorDashboard(user), upcomingFollowups(user, { mine: true, limit: 5 }), upcomingTasksFor(user)]);
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-5">
        <StatTile label="My leads" value={d.myLeads} sub={`This month: ${d.myLeadsThisMonth}`} href="/leads?owner=me" testId="tile-my-leads" />
        <StatTile label="Follow-ups due" value={d.due} href="/leads?owner=me&followUp=due" tone={d.due ? "warning" : undefined} testId="tile-due" />
        <StatTile label="Overdue" value={d.overdue} href="/leads?owner=me&followUp=overdue" tone={d.overdue ? "danger" : undefined} testId="tile-overdue" />
        <StatTile label="Open tasks" value={d.openTasks} href="/tasks?owner=me&status=not_done" testId="tile-tasks" />
        <StatTile
          label="Conversion rate"
          value={formatPercent(d.conversionRate)}
          sub="Converted ÷ (converted + lost)"
          href="/leads?owner=me&status=Converted"
          testId="tile-conversion"
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <Link href="/leads/new" className={buttonVariants({ variant: "outline", size: "sm" })}>
          + New lead
        </Link>
        <Link href="/leads?view=board&owner=me" className={buttonVariants({ variant: "outline", size: "sm" })}>
          My pipeline
        </Link>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <SectionCard title="My pipeline" description="My leads by status.">
          <PipelineChart data={d.pipeline} hrefFor={pipelineLinks("&owner=me")} />
        </SectionCard>
        <SectionCard
          title="Upcoming follow-ups"
          actions={
            <Link href="/leads?owner=me&followUp=week" className="text-sm text-primary hover:underline">
              View all
            </Link>
          }
        >
          <FollowupList items={followups} />
        </SectionCard>
        <SectionCard title="Candidates to contact" description="Failing or missing classes, not yet acknowledged.">
          {d.toContact.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nobody to call right now.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {d.toContact.map((a, i) => (
                <li key={i}>
                  <Link href={`/candidates/${a.candidateId}`} className="font-medium text-primary hover:underline">
                    {a.fullName}
                  </Link>
                  <span className="block text-xs text-muted-foreground">{a.message}</span>
                </li>
              ))}
            </ul>
          )}
        </SectionCard>
        <SectionCard
          title="Upcoming tasks"
          actions={
            <Link href="/tasks?owner=me" className="text-sm text-primary hover:underline">
              View all
            </Link>
          }
        >
          <TaskList items={tasks} />
        </SectionCard>
      </div>
      <SectionCard title="Recent activity">
        <ActivityList items={d.activity} />
      </SectionCard>
    </>
  );
}
