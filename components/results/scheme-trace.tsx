import type { GradeBand } from "@/lib/results/grades";
import type { Scheme, SchemeResult } from "@/lib/results/scheme";
import { traceView, type TraceView } from "@/lib/results/trace";
import { cn } from "@/lib/utils";

// How a course result was computed, step by step, from lib/results' own trace. One component for
// the staff page (Tailwind), the what-if (a client component renders it too) and the parents'
// page (plain HTML with its own small stylesheet, rendered to a string): `variant` picks the classes.

const APP = {
  root: "space-y-3 text-sm",
  comp: "rounded-md border p-3",
  compHead: "flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1",
  compName: "font-medium",
  part: "ml-2 text-xs font-normal text-muted-foreground",
  value: "font-semibold tabular-nums",
  items: "mt-2 divide-y",
  item: "flex flex-wrap items-baseline gap-x-3 gap-y-0.5 py-1.5",
  itemMuted: "text-muted-foreground",
  itemName: "min-w-36 flex-1",
  itemFig: "tabular-nums",
  state: "rounded border px-1.5 py-px text-xs",
  stateOn: "border-transparent bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-100",
  tag: "ml-1.5 rounded bg-muted px-1.5 py-px text-xs text-muted-foreground",
  steps: "mt-2 space-y-0.5 text-muted-foreground",
  step: "tabular-nums",
  totals: "space-y-1 rounded-md bg-muted/50 p-3",
  row: "flex flex-wrap items-baseline justify-between gap-x-3",
  outcomeRow: "flex flex-wrap items-baseline gap-x-2 gap-y-1",
  rowLabel: "font-medium",
  rowNote: "text-xs text-muted-foreground",
  checks: "space-y-0.5",
  ok: "text-emerald-700 dark:text-emerald-400",
  bad: "text-destructive",
  wait: "text-muted-foreground",
  outcome: "rounded px-2 py-0.5 text-xs font-semibold",
  outcomes: {
    pass: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-100",
    fail: "bg-destructive/10 text-destructive",
    absent: "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-100",
    pending: "bg-muted text-muted-foreground",
  },
  table: "w-full text-sm",
  th: "border-b py-1.5 pr-3 text-left font-medium text-muted-foreground",
  thR: "border-b py-1.5 pr-3 text-right font-medium text-muted-foreground",
  td: "border-b py-1.5 pr-3",
  tdR: "border-b py-1.5 pr-3 text-right tabular-nums",
  // On a phone the "Counts?" column gives way to a note under the name (only where it is not simply counted).
  thWide: "hidden border-b py-1.5 pr-3 text-left font-medium text-muted-foreground sm:table-cell",
  tdWide: "hidden border-b py-1.5 pr-3 sm:table-cell",
  narrowNote: "block text-xs text-muted-foreground sm:hidden",
  fb: "text-xs italic text-muted-foreground",
  summary: "pt-2 text-sm font-medium tabular-nums",
  scroll: "overflow-x-auto",
};

// The parents' page: class names its stylesheet (components/result-page) defines.
const PAGE: typeof APP = {
  root: "trace",
  comp: "tc",
  compHead: "head",
  compName: "tn",
  part: "muted",
  value: "figure-s",
  items: "ti",
  item: "it",
  itemMuted: "it-off",
  itemName: "it-name",
  itemFig: "it-fig",
  state: "st",
  stateOn: "st-on",
  tag: "tag",
  steps: "steps",
  step: "",
  totals: "totals",
  row: "head",
  outcomeRow: "oc-row",
  rowLabel: "tn",
  rowNote: "muted",
  checks: "steps",
  ok: "ok",
  bad: "bad",
  wait: "muted",
  outcome: "oc",
  outcomes: { pass: "oc-pass", fail: "oc-fail", absent: "oc-absent", pending: "oc-pending" },
  table: "",
  th: "",
  thR: "r",
  td: "",
  tdR: "r",
  thWide: "wide",
  tdWide: "wide",
  narrowNote: "fb-n",
  fb: "fb",
  summary: "sum",
  scroll: "",
};

export type SchemeTraceProps = {
  scheme: Scheme;
  result: SchemeResult;
  bands?: GradeBand[];
  /** Feedback on each mark, by assessment id (the staff page and the parents' page show it). */
  feedback?: Map<number, string | null>;
  /** Staff only: the assessments held back from parents, tagged so. */
  held?: Set<number>;
  variant?: "app" | "page";
};

export function SchemeTrace({ scheme, result, bands, feedback, held, variant = "app" }: SchemeTraceProps) {
  const view = traceView(scheme, result, bands);
  const k = variant === "page" ? PAGE : APP;
  return view.compact ? <Compact view={view} k={k} feedback={feedback} held={held} /> : <Full view={view} k={k} feedback={feedback} held={held} />;
}

const CHECK_MARK = { met: "✓", failed: "✗", "so-far": "…", none: "…" } as const;
const CHECK_WORD = { met: "Met", failed: "Not met", "so-far": "Not met so far", none: "Not yet" } as const;

type Parts = { view: TraceView; k: typeof APP; feedback?: Map<number, string | null>; held?: Set<number> };

function HeldTag({ k }: { k: typeof APP }) {
  return (
    <span className={k.tag} data-testid="trace-held" title="Held: not shown to parents">
      held from parents
    </span>
  );
}

/** One component and no pass rules (the default scheme, a plain sum): a table as compact as it ever was, and one line. */
function Compact({ view, k, feedback, held }: Parts) {
  const c = view.components[0];
  return (
    <div className={k.scroll} data-testid="trace" data-compact="true">
      <table className={k.table} data-testid="breakdown">
        <caption className="sr-only sr">How the course result was computed</caption>
        <thead>
          <tr>
            <th className={k.th}>Assessment</th>
            <th className={k.thR}>Mark</th>
            <th className={k.thR}>Score</th>
            {c.weighted && <th className={k.thR}>Weight</th>}
            <th className={k.thWide}>Counts?</th>
          </tr>
        </thead>
        <tbody>
          {c.items.map((i) => (
            <tr key={i.id} className={i.state === "kept" ? undefined : k.itemMuted} data-testid="trace-item" data-state={i.state}>
              <td className={k.td}>
                {i.name}
                {held?.has(i.id) && <HeldTag k={k} />}
                {i.state !== "kept" || i.label !== "Counted" ? <span className={k.narrowNote}>{i.label}</span> : null}
                {feedback?.get(i.id) && <p className={k.fb}>“{feedback.get(i.id)}”</p>}
              </td>
              <td className={k.tdR}>{i.mark}</td>
              <td className={k.tdR}>{i.percent}</td>
              {c.weighted && <td className={k.tdR}>{i.weight}</td>}
              <td className={k.tdWide}>{i.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={k.summary} data-testid="trace-summary">
        {view.summary}
      </p>
    </div>
  );
}

function Full({ view, k, feedback, held }: Parts) {
  return (
    <div className={k.root} data-testid="trace">
      {view.components.map((c) => (
        <section key={c.key} className={k.comp} data-testid={`trace-component-${c.key}`}>
          <div className={k.compHead}>
            <h4 className={k.compName}>
              {c.name}
              <span className={k.part}>{c.part}</span>
            </h4>
            <span className={k.value} data-testid="trace-component-value">
              {c.value}
            </span>
          </div>
          {c.items.length > 0 && (
            <ul className={k.items}>
              {c.items.map((i) => (
                <li key={i.id} className={cn(k.item, i.state !== "kept" && k.itemMuted)} data-testid="trace-item" data-state={i.state}>
                  <span className={k.itemName}>
                    {i.name}
                    {i.neverDrop && <span className={k.tag}>never dropped</span>}
                    {held?.has(i.id) && <HeldTag k={k} />}
                    {feedback?.get(i.id) && <span className={cn(k.fb, "block")}>“{feedback.get(i.id)}”</span>}
                  </span>
                  <span className={k.itemFig} data-testid="trace-item-mark">
                    {i.mark}
                  </span>
                  <span className={k.itemFig}>{i.percent}</span>
                  <span className={cn(k.state, i.state === "kept" && k.stateOn)} data-testid="trace-item-state">
                    {i.label}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <ol className={k.steps} data-testid="trace-steps">
            {c.steps.map((s) => (
              <li key={s} className={k.step}>
                {s}
              </li>
            ))}
          </ol>
        </section>
      ))}
      <div className={k.totals}>
        {view.parts.map((p) => (
          <div key={p.part} className={k.row} data-testid={`trace-part-${p.part}`}>
            <span className={k.rowLabel}>{p.label}</span>
            <span className={k.value}>
              {p.rounding && <span className={cn(k.rowNote, "mr-2")}>{p.rounding}</span>}
              <span data-testid="trace-part-value">{p.value}</span>
            </span>
          </div>
        ))}
        <div className={k.row} data-testid="trace-total">
          <span className={k.rowLabel}>Total</span>
          <span className={k.value}>
            <span data-testid="trace-total-value">{view.total}</span> → <span data-testid="trace-percent">{view.percent}</span>
            {view.grade && (
              <>
                {" "}
                · grade <span data-testid="trace-grade">{view.grade}</span>
              </>
            )}
          </span>
        </div>
      </div>
      {view.checks.length > 0 && (
        <ul className={k.checks} data-testid="trace-checks">
          {view.checks.map((c) => (
            <li
              key={c.part}
              className={c.state === "met" ? k.ok : c.state === "failed" ? k.bad : k.wait}
              data-testid="trace-check"
              data-ok={String(c.ok)}
              data-state={c.state}
            >
              <span aria-hidden>{CHECK_MARK[c.state]} </span>
              <span className="sr-only sr">{CHECK_WORD[c.state]}: </span>
              {c.text}
            </li>
          ))}
        </ul>
      )}
      {view.outcome && (
        <p className={k.outcomeRow} data-testid="trace-outcome-row">
          <span className={k.rowLabel}>Outcome</span>
          <span className={cn(k.outcome, k.outcomes[view.outcome.value])} data-testid="trace-outcome">
            {view.outcome.label}
          </span>
          {view.outcome.reasons.length > 0 && <span className={k.rowNote}>{view.outcome.reasons.join("; ")}</span>}
        </p>
      )}
    </div>
  );
}
