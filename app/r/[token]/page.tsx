import type { Metadata } from "next";
import { headers } from "next/headers";
import { GraduationCap } from "lucide-react";
import { resolveAccessLink } from "@/db/queries/access-links";
import { candidateResults } from "@/db/queries/results";
import { getSettings } from "@/db/queries/settings";
import { hitRateLimit, peekRateLimit } from "@/db/queries/rate-limits";
import { db } from "@/db/client";
import { candidates } from "@/db/schema";
import { eq } from "drizzle-orm";
import { TOKEN_LIMITS } from "@/lib/auth/limits";
import { formatDate } from "@/lib/format";
import { formatPercent } from "@/lib/results";
import { mergeTrends } from "@/lib/results/chart";
import { formatCell } from "@/lib/gradebook/cell";
import { TrendChartLazy as TrendChart } from "@/components/charts/trend-chart-lazy";

export const metadata: Metadata = { title: "Results", robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * The read-only result page an emailed link opens. Anyone holding a valid link sees that
 * one candidate; every other token, whatever the reason, gets the same plain page.
 */
export default async function ResultPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const h = await headers();
  const ip = h.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
  const key = `result-link:ip:${ip}`;
  if (!(await peekRateLimit(key, TOKEN_LIMITS.ip)).allowed) return <Invalid tooMany />;
  const link = await resolveAccessLink(token);
  if (!link) {
    await hitRateLimit(key, TOKEN_LIMITS.ip);
    return <Invalid />;
  }
  const [settings, [cand], results] = await Promise.all([
    getSettings(),
    db.select({ fullName: candidates.fullName, number: candidates.candidateNumber }).from(candidates).where(eq(candidates.id, link.candidateId)),
    candidateResults(link.candidateId, { publishedOnly: true }),
  ]);
  const trend = mergeTrends(results.courses.map((c) => ({ code: c.code, trend: c.trend })));
  return (
    <div className="min-h-dvh bg-muted/30">
      <header style={{ backgroundColor: settings.brandColor }} className="px-4 py-3 text-white">
        <p className="mx-auto flex max-w-3xl items-center gap-2 text-sm font-semibold">
          <GraduationCap className="size-4" aria-hidden /> {settings.name}
        </p>
      </header>
      <main className="mx-auto max-w-3xl space-y-6 px-4 py-6" data-testid="result-page">
        <div>
          <h1 className="text-2xl font-semibold" data-testid="result-candidate">
            {cand.fullName}
          </h1>
          <p className="text-sm text-muted-foreground">
            {cand.number} · Results as of {formatDate(new Date())} · Overall {formatPercent(results.overall.percent)}
          </p>
        </div>
        {results.terms.map((t) => (
          <section key={t.termId} className="space-y-3" aria-labelledby={`term-${t.termId}`}>
            <h2 id={`term-${t.termId}`} className="flex items-baseline justify-between text-lg font-semibold">
              {t.termName}
              <span className="text-sm font-normal text-muted-foreground">Term result {formatPercent(t.overall.percent)}</span>
            </h2>
            {t.courses.map((c) => (
              <article key={c.courseId} className="rounded-lg border bg-card p-4" data-testid={`result-course-${c.code}`}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-semibold">
                    {c.code} {c.name}
                  </h3>
                  <p className="text-lg font-semibold tabular-nums">
                    <span data-testid="result-percent">{formatPercent(c.result.percent)}</span>
                    {c.grade && (
                      <span className="ml-2 rounded bg-muted px-2 py-0.5 text-base" data-testid="result-grade">
                        {c.grade}
                      </span>
                    )}
                  </p>
                </div>
                <p className="text-sm text-muted-foreground">Attendance {formatPercent(c.attendance.rate)}</p>
                <table className="mt-3 w-full text-sm">
                  <caption className="sr-only">Marks in {c.name}</caption>
                  <thead>
                    <tr className="border-b text-left text-muted-foreground">
                      <th className="py-1 font-medium">Assessment</th>
                      <th className="py-1 text-right font-medium">Mark</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.assessments.map((a) => {
                      const m = c.marks.find((x) => x.assessmentId === a.id);
                      const shown = m ? formatCell({ score: m.score, status: m.status }) : "";
                      return (
                        <tr key={a.id} className="border-b last:border-0 align-top">
                          <td className="py-1.5">
                            {a.name}
                            {m?.feedback && <p className="text-xs italic text-muted-foreground">“{m.feedback}”</p>}
                          </td>
                          <td className="py-1.5 text-right tabular-nums">{!m || shown === "" ? "—" : m.status === "excused" ? "Excused" : m.status === "absent" ? "Absent" : m.status === "missing" ? "Missing" : `${shown.replace(/L$/, "")} / ${a.maxScore}${m.status === "late" ? " (late)" : ""}`}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </article>
            ))}
          </section>
        ))}
        {trend.rows.length > 0 && (
          <section className="rounded-lg border bg-card p-4">
            <h2 className="mb-2 font-semibold">Trend</h2>
            <TrendChart data={trend.rows} series={trend.series} />
          </section>
        )}
        <p className="text-xs text-muted-foreground">This page is private to the person it was sent to. The link expires on {formatDate(link.expiresAt)}.</p>
      </main>
    </div>
  );
}

function Invalid({ tooMany = false }: { tooMany?: boolean }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 px-4 text-center" data-testid="link-invalid">
      <h1 className="text-xl font-semibold">{tooMany ? "Too many attempts" : "This link is no longer valid"}</h1>
      <p className="max-w-sm text-sm text-muted-foreground">
        {tooMany ? "Please wait a few minutes and try again." : "Result links expire and can be withdrawn. Ask the school to send you a new one."}
      </p>
    </main>
  );
}
