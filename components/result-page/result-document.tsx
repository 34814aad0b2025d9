import { formatDate } from "@/lib/format";
import { formatPercent } from "@/lib/results";
import { formatGpa } from "@/lib/results/gpa";
import { layoutTrend } from "@/lib/results/svg-chart";
import { SchemeTrace } from "@/components/results/scheme-trace";
import type { candidateResults } from "@/db/queries/results";

type Results = Awaited<ReturnType<typeof candidateResults>>;

// The parent's page is plain HTML with a little CSS: no script to download, fast on any phone.
const CSS = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;background:#f5f6fa;line-height:1.45}
header{color:#fff;padding:12px 16px;font-weight:600;font-size:14px}main{max-width:760px;margin:0 auto;padding:20px 16px 40px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;display:flex;justify-content:space-between;gap:8px;align-items:baseline}
.muted{color:#4b5563;font-size:13px}.card{background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:14px 16px;margin:10px 0}
.head{display:flex;flex-wrap:wrap;justify-content:space-between;gap:6px;align-items:baseline}.head h3{font-size:16px;margin:0}
.figure{font-size:18px;font-weight:600;font-variant-numeric:tabular-nums}.grade{margin-left:8px;background:#eef2ff;border-radius:6px;padding:1px 8px}
table{width:100%;border-collapse:collapse;margin-top:10px;font-size:14px}th{text-align:left;color:#6b7280;font-weight:500;border-bottom:1px solid #e5e7eb;padding:4px 0}
td{border-bottom:1px solid #f0f0f0;padding:6px 0;vertical-align:top}td.r,th.r{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.fb{font-size:12px;color:#6b7280;font-style:italic;margin:2px 0 0}svg{width:100%;height:auto}.legend{display:flex;flex-wrap:wrap;gap:12px;font-size:12px;margin-top:6px}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:middle}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.note{background:#fffbeb;border:1px solid #fde68a;border-radius:8px;padding:6px 10px;font-size:13px;margin:8px 0 0}
.trace{margin-top:10px;font-size:14px}.tc{border:1px solid #e5e7eb;border-radius:8px;padding:8px 12px;margin:8px 0}.tn{font-weight:600;font-size:14px;margin:0}
.tn .muted{margin-left:6px;font-weight:400;font-size:12px}.figure-s{font-weight:600;font-variant-numeric:tabular-nums;white-space:nowrap}
.ti{list-style:none;margin:4px 0 0;padding:0}.it{display:flex;flex-wrap:wrap;gap:0 12px;align-items:baseline;padding:5px 0;border-bottom:1px solid #f0f0f0}
.it-off{color:#6b7280}.it-name{flex:1 1 9rem}.it-fig{font-variant-numeric:tabular-nums;white-space:nowrap}
.st{font-size:12px;border:1px solid #e5e7eb;border-radius:4px;padding:0 6px}.st-on{background:#d1fae5;border-color:#d1fae5;color:#065f46}
.tag{font-size:12px;background:#f3f4f6;border-radius:4px;padding:0 6px;margin-left:6px;color:#4b5563}
.steps{list-style:none;margin:6px 0 0;padding:0;color:#4b5563;font-size:13px;font-variant-numeric:tabular-nums}.steps .ok{color:#047857}.steps .bad{color:#b91c1c}
.totals{background:#f9fafb;border-radius:8px;padding:8px 12px;margin:8px 0}.totals .head{padding:2px 0}
.oc{border-radius:4px;padding:1px 8px;font-weight:600;font-size:13px}.oc-pass{background:#d1fae5;color:#065f46}.oc-fail{background:#fee2e2;color:#991b1b}
.oc-row{display:flex;flex-wrap:wrap;gap:4px 8px;align-items:baseline;margin:8px 0 0}.totals .figure-s{white-space:normal;text-align:right}
th.wide,td.wide{display:none}.fb-n{display:block;font-size:12px;color:#6b7280}td.r,th.r{padding-left:10px}
@media (min-width:560px){th.wide,td.wide{display:table-cell;padding-left:10px}.fb-n{display:none}}
.oc-absent{background:#fef3c7;color:#92400e}.oc-pending{background:#f3f4f6;color:#4b5563}.sum{margin:8px 0 0;font-size:13px;color:#4b5563;font-variant-numeric:tabular-nums}
h2 .muted b{white-space:nowrap}.gpa{display:flex;flex-wrap:wrap;gap:6px 20px;background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:10px 16px;margin:12px 0 0}
.center{min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;text-align:center;padding:16px}
`;

// A whole document rendered to a string by the route handler, not a Next page: <head> is right here.
/* eslint-disable @next/next/no-head-element */
function Shell({ title, brand, children }: { title: string; brand?: { name: string; color: string }; children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        {brand && <header style={{ background: brand.color }}>{brand.name}</header>}
        {children}
      </body>
    </html>
  );
}

export function InvalidLinkDocument({ tooMany = false }: { tooMany?: boolean }) {
  return (
    <Shell title="Results">
      <main className="center" data-testid="link-invalid">
        <h1>{tooMany ? "Too many attempts" : "This link is no longer valid"}</h1>
        <p className="muted">
          {tooMany ? "Please wait a few minutes and try again." : "Result links expire and can be withdrawn. Ask the school to send you a new one."}
        </p>
      </main>
    </Shell>
  );
}

/** A valid link with nothing of this kind to give yet (a grade card for a term with no released results). */
export function NoCardDocument({ title, text }: { title: string; text: string }) {
  return (
    <Shell title="Grade card">
      <main className="center" data-testid="no-grade-card">
        <h1>{title}</h1>
        <p className="muted">{text}</p>
      </main>
    </Shell>
  );
}

export function ResultDocument({
  brand,
  candidate,
  results,
  expiresAt,
  gradeCardHref,
}: {
  brand: { name: string; color: string };
  candidate: { fullName: string; number: string };
  results: Results;
  expiresAt: Date;
  /** Where a term's grade card (PDF) is downloaded, behind the same link. */
  gradeCardHref?: (termId: number) => string;
}) {
  const chart = layoutTrend(results.courses.map((c) => ({ code: c.code, trend: c.trend })));
  return (
    <Shell title={`${candidate.fullName} — results`} brand={brand}>
      <main data-testid="result-page">
        <h1 data-testid="result-candidate">{candidate.fullName}</h1>
        <p className="muted">
          {candidate.number} · Results as of {formatDate(new Date())} · Overall {formatPercent(results.overall.percent)}
        </p>
        {results.courses.length > 0 && (
          <p className="gpa" data-testid="result-gpa">
            <span>
              <span className="figure" data-testid="result-cgpa">
                {formatGpa(results.gpa.cgpa, results.gpa.policy.places)} CGPA
              </span>{" "}
              <span className="muted">over {results.gpa.cgpa.credits} credits</span>
            </span>
            <span>
              <span className="figure" data-testid="result-cgpa-percent">
                {formatPercent(results.gpa.percent, 2)}
              </span>{" "}
              <span className="muted">{results.gpa.conversion.formula}</span>
            </span>
          </p>
        )}
        {results.terms.map((t) => (
          <section key={t.termId} aria-labelledby={`term-${t.termId}`}>
            <h2 id={`term-${t.termId}`}>
              {t.termName}
              <span className="muted">
                Term result {formatPercent(t.overall.percent)} · <b data-testid="result-sgpa">{formatGpa(t.sgpa, results.gpa.policy.places)} SGPA</b>
              </span>
            </h2>
            {gradeCardHref && (
              <p className="muted">
                <a href={gradeCardHref(t.termId)} download data-testid={`result-grade-card-${t.termId}`}>
                  Download the grade card (PDF)<span className="sr">, {t.termName}</span>
                </a>
              </p>
            )}
            {t.courses.map((c) => (
              <article key={c.courseId} className="card" data-testid={`result-course-${c.code}`}>
                <div className="head">
                  <h3>
                    {c.code} {c.name}
                  </h3>
                  <span className="figure">
                    <span data-testid="result-percent">{formatPercent(c.result.shown)}</span>
                    {c.grade && (
                      <span className="grade" data-testid="result-grade">
                        {c.grade}
                      </span>
                    )}
                  </span>
                </div>
                <p className="muted">
                  {c.credits} credits
                  {c.gradePoints && <span data-testid="result-points"> · {c.gradePoints.points} grade points</span>}
                  {c.attempts > 1 && ` · attempt ${c.attempt}`} · Attendance {formatPercent(c.attendance.rate)}
                </p>
                {c.held > 0 && (
                  <p className="note" data-testid="released-only">
                    Figures from released marks only: {c.held === 1 ? "one assessment is" : `${c.held} assessments are`} not released yet.
                  </p>
                )}
                <SchemeTrace
                  scheme={c.scheme}
                  result={c.schemeResult}
                  bands={c.bands}
                  feedback={new Map(c.marks.map((m) => [m.assessmentId, m.feedback]))}
                  variant="page"
                />
              </article>
            ))}
          </section>
        ))}
        {chart.series.length > 0 && (
          <section className="card">
            <h2 style={{ marginTop: 0 }}>Trend</h2>
            <svg
              viewBox={`0 0 ${chart.width} ${chart.height}`}
              role="img"
              aria-label={`Assessment percentages over time for ${chart.series.map((s) => s.name).join(", ")}`}
            >
              {chart.ticks.map((t) => (
                <g key={t.label}>
                  <line x1={32} x2={chart.width - 8} y1={t.y} y2={t.y} stroke="#e5e7eb" />
                  <text x={0} y={t.y + 4} fontSize={11} fill="#6b7280">
                    {t.label}
                  </text>
                </g>
              ))}
              {chart.series.map((s) => (
                <g key={s.name}>
                  <polyline fill="none" stroke={s.color} strokeWidth={2} points={s.points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ")} />
                  {s.points.map((p, i) => (
                    <circle key={i} cx={p.x} cy={p.y} r={3} fill={s.color}>
                      <title>{`${s.name} · ${p.label}: ${p.percent.toFixed(1)}%`}</title>
                    </circle>
                  ))}
                </g>
              ))}
            </svg>
            <div className="legend">
              {chart.series.map((s) => (
                <span key={s.name}>
                  <span className="dot" style={{ background: s.color }} />
                  {s.name}
                </span>
              ))}
            </div>
          </section>
        )}
        <p className="muted">This page is private to the person it was sent to. The link expires on {formatDate(expiresAt)}.</p>
      </main>
    </Shell>
  );
}
