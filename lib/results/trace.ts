import type { MarkInput } from "./course";
import type { GradeBand } from "./grades";
import { gradeUnderScheme } from "./evaluate";
import { formatPercent, roundTo, type RoundingMethod } from "./round";
import {
  markNeeded,
  type AttendanceBand,
  type ComponentTrace,
  type ItemState,
  type Needed,
  type Outcome,
  type PassCheck,
  type Scheme,
  type SchemeAssessment,
  type SchemeResult,
  type Target,
  type TraceItem,
} from "./scheme";

// The words of a scheme result's trace (PRODUCT.md §3, "Staff see every step"): what each
// component did with its items, raw → scaled, the rounding, the parts, the pass checks and the
// outcome. Pure: the staff page, the what-if and the parents' page render the same view, so
// nobody reads two explanations of one figure. No arithmetic of the result is done here.

/** A figure as people write a mark: at most two decimals, no trailing zeros ("14.5", "15"). */
export function num(x: number, places = 2): string {
  const r = roundTo(x, places, "half-up");
  return String(Object.is(r, -0) ? 0 : r);
}

/** A percentage with up to two decimals ("72.75%", "75%"), for the steps between figures. */
const pct = (fraction: number) => `${num(fraction * 100)}%`;

export const ITEM_STATE_LABELS: Record<ItemState, string> = {
  kept: "Counted",
  dropped: "Dropped",
  "not-best": "Not among the best",
  excused: "Excused — not counted",
  "not-entered": "Not entered yet",
  unpublished: "Not published — not counted",
  "zero-weight": "Weight 0 — no effect",
};

/** Why an item stands where it does ("Absent — counts as 0" is a kept item too). */
export function itemStateLabel(item: Pick<TraceItem, "state" | "status">): string {
  if (item.state === "kept" && item.status === "absent") return "Absent — counts as 0";
  if (item.state === "kept" && item.status === "missing") return "Missing — counts as 0";
  return ITEM_STATE_LABELS[item.state];
}

/** The mark as entered: "16 / 20", "15 / 20 (late)", "Absent", "Excused", "— / 20". */
export function itemMark(item: Pick<TraceItem, "score" | "status" | "maxScore">): string {
  switch (item.status) {
    case "absent":
      return "Absent";
    case "missing":
      return "Missing";
    case "excused":
      return "Excused";
    case "late":
    case "graded":
      if (item.score === null) return `— / ${num(item.maxScore)}`;
      return `${num(item.score)} / ${num(item.maxScore)}${item.status === "late" ? " (late)" : ""}`;
    default:
      return `— / ${num(item.maxScore)}`;
  }
}

export const ROUNDING_WORDS: Record<RoundingMethod, string> = {
  "half-up": "half up",
  "half-even": "half to even",
  up: "rounded up",
  down: "rounded down",
};

/** "14.5 → 15, half up"; null when rounding changed nothing. The exact side keeps two more places than the rounded one. */
export function roundingWords(exact: number | null, value: number | null, policy: Scheme["rounding"]): string | null {
  if (exact === null || value === null) return null;
  const before = roundTo(exact, policy.places + 2, "down");
  if (roundTo(exact, 10, "half-up") === roundTo(value, 10, "half-up")) return null;
  return `${num(before, policy.places + 2)} → ${num(value, policy.places)}, ${ROUNDING_WORDS[policy.method]}`;
}

/** "[85, 90)" — the band the rate fell in, half-open up to the next band, closed at 100 for the top one. */
export function bandWords(band: AttendanceBand, bands: AttendanceBand[]): string {
  const above = bands.filter((b) => b.min > band.min).sort((x, y) => x.min - y.min)[0];
  return above ? `[${num(band.min)}, ${num(above.min)})` : `[${num(band.min)}, 100]`;
}

const AGGREGATION_WORDS = { weighted: "weighted mean", mean: "mean of percentages", sum: "sum" } as const;

/** How the component combined its items: "best 2 of 3, mean", "sum 210 / 300", "drop the lowest 1 of 4, weighted mean". */
export function aggregationWords(scheme: Scheme, c: ComponentTrace): string {
  const spec = scheme.components.find((x) => x.key === c.key);
  const candidates = c.items.filter((i) => i.state === "kept" || i.state === "dropped" || i.state === "not-best").length;
  const kept = c.items.filter((i) => i.state === "kept").length;
  const how =
    c.aggregation === "sum" && c.points
      ? `sum ${num(c.points.scored)} / ${num(c.points.possible)}`
      : c.aggregation === "mean"
        ? `mean of ${kept} percentage${kept === 1 ? "" : "s"}`
        : c.aggregation === "weighted"
          ? `weighted mean, counted weight ${num(c.items.filter((i) => i.state === "kept").reduce((s, i) => s + i.weight, 0))}`
          : AGGREGATION_WORDS[c.aggregation];
  const picks: string[] = [];
  if (spec?.best) picks.push(`best ${spec.best} of ${candidates}`);
  else if (spec && (spec.dropLowest > 0 || spec.dropHighest > 0)) {
    const drops = [spec.dropLowest > 0 && `the lowest ${spec.dropLowest}`, spec.dropHighest > 0 && `the highest ${spec.dropHighest}`].filter(Boolean);
    picks.push(`drop ${drops.join(" and ")} of ${candidates}`);
  }
  const never = c.items.filter((i) => i.neverDrop).length;
  if (picks.length && never) picks[0] += ` (${never} never dropped)`;
  return [...picks, how].join(", ").replace(/^./, (ch) => ch.toUpperCase());
}

export type TraceItemView = { id: number; name: string; mark: string; percent: string; state: ItemState; label: string; neverDrop: boolean; weight: string };

export type TraceComponentView = {
  key: string;
  name: string;
  part: "internal" | "external";
  source: "assessments" | "attendance";
  /** "14 / 20", or "—" when nothing counts yet. */
  value: string;
  items: TraceItemView[];
  /** Each step in words, in order: the aggregation, raw → scaled, the rounding. */
  steps: string[];
  /** Shown beside the weight column only where weights matter. */
  weighted: boolean;
};

export type TracePartView = { part: "internal" | "external"; label: string; value: string; rounding: string | null };

/**
 * met: at or above the minimum (marks only add, so it stays met); failed: below it with that part
 * complete; so-far: below it while marks are still to come there; none: nothing to check yet.
 */
export type CheckState = "met" | "failed" | "so-far" | "none";

export type TraceCheckView = { part: PassCheck["part"]; ok: boolean | null; state: CheckState; text: string };

export const OUTCOME_LABELS: Record<Outcome, string> = { pass: "Pass", fail: "Fail", absent: "Absent", pending: "Pending" };

export type TraceView = {
  /** One component of assessments and no pass rules (the default scheme, a plain sum): one table and one line. */
  compact: boolean;
  components: TraceComponentView[];
  parts: TracePartView[];
  /** "75 / 100", or "45 / 60 so far (of 100)". */
  total: string;
  /** "75.0%" — the shown percentage every screen grades from. */
  percent: string;
  grade: string | null;
  checks: TraceCheckView[];
  outcome: { value: Outcome; label: string; reasons: string[] } | null;
  /** Compact mode's one line: "Weighted mean, counted weight 40: 72.75% → 72.8%, half up". */
  summary: string;
};

const PART_LABEL = { internal: "Internal", external: "External", total: "Total" } as const;

function componentView(scheme: Scheme, c: ComponentTrace): TraceComponentView {
  const spec = scheme.components.find((x) => x.key === c.key);
  const steps: string[] = [];
  if (c.source === "attendance") {
    if (!c.attendance) steps.push("No attendance recorded yet");
    else {
      const band = c.attendance.band;
      steps.push(
        band
          ? `Attendance ${formatPercent(c.attendance.rate, 2)} in ${bandWords(band, spec?.bands ?? [])} → ${num(band.marks)} / ${num(c.max)}`
          : `Attendance ${formatPercent(c.attendance.rate, 2)}, below every band → 0 / ${num(c.max)}`,
      );
    }
  } else if (c.fraction === null) {
    steps.push("Nothing counts yet");
  } else {
    steps.push(`${aggregationWords(scheme, c)}: ${pct(c.fraction)}`);
    if (c.scaled !== null) steps.push(`${pct(c.fraction)} → ${num(c.scaled)} / ${num(c.max)}`);
  }
  if (scheme.rounding.at === "component") {
    const r = roundingWords(c.scaled, c.value, scheme.rounding);
    if (r) steps.push(r);
  }
  return {
    key: c.key,
    name: c.name,
    part: c.part,
    source: c.source,
    value: c.value === null ? "—" : `${num(c.value)} / ${num(c.max)}`,
    weighted: c.aggregation === "weighted",
    steps,
    items: c.items.map((i) => ({
      id: i.assessmentId,
      name: i.name,
      mark: itemMark(i),
      percent: i.fraction === null ? "—" : formatPercent(i.fraction * 100),
      state: i.state,
      label: itemStateLabel(i),
      neverDrop: i.neverDrop,
      weight: num(i.weight),
    })),
  };
}

/** "Internal 15 / 40 is below the minimum 16" ✗, "External 50 / 60, minimum 24" ✓, "Total 29 / 100 so far, minimum 40", "External: nothing yet (minimum 24)". */
export function checkWords(check: PassCheck, outOf: number, complete = true): string {
  const label = PART_LABEL[check.part];
  if (check.value === null) return `${label}: nothing yet (minimum ${num(check.min)})`;
  const v = `${label} ${num(check.value)} / ${num(outOf)}`;
  if (check.ok) return `${v}, minimum ${num(check.min)}`;
  return complete ? `${v} is below the minimum ${num(check.min)}` : `${v} so far, minimum ${num(check.min)}`;
}

/** Every mark of the part is in (excused ones are settled): what it shows now is final. */
function partComplete(r: SchemeResult, part: "internal" | "external"): boolean {
  return r.components.filter((c) => c.part === part).every((c) => c.value !== null && !c.items.some((i) => i.state === "not-entered"));
}

/** The whole trace of one course's result, in words ready to render. */
export function traceView(scheme: Scheme, r: SchemeResult, bands?: GradeBand[]): TraceView {
  const components = r.components.map((c) => componentView(scheme, c));
  const rulesSet = scheme.pass.internalMin !== null || scheme.pass.externalMin !== null || scheme.pass.totalMin !== null;
  const compact = scheme.components.length === 1 && scheme.components[0].source === "assessments" && !rulesSet;
  const parts: TracePartView[] = [];
  for (const [part, t] of [
    ["internal", r.internal],
    ["external", r.external],
  ] as const) {
    if (t.max <= 0) continue;
    parts.push({
      part,
      label: PART_LABEL[part],
      value: t.value === null ? `— / ${num(t.max)}` : `${num(t.value)} / ${num(t.max)}`,
      rounding: scheme.rounding.at === "total" ? roundingWords(t.exact, t.value, scheme.rounding) : null,
    });
  }
  const total =
    r.total === null
      ? `— / ${num(r.max)}`
      : r.presentMax < r.max
        ? `${num(r.total)} / ${num(r.presentMax)} so far (of ${num(r.max)})`
        : `${num(r.total)} / ${num(r.max)}`;
  const percent = formatPercent(r.shown);
  const grade = gradeUnderScheme(r.shown, r.outcome, bands);
  const outOf = (p: PassCheck["part"]) => (p === "internal" ? r.internal.max : p === "external" ? r.external.max : r.max);
  const complete = (p: PassCheck["part"]) => (p === "total" ? partComplete(r, "internal") && partComplete(r, "external") : partComplete(r, p));
  const checks = r.checks.map((c): TraceCheckView => {
    const done = complete(c.part);
    const state: CheckState = c.ok === null ? "none" : c.ok ? "met" : done ? "failed" : "so-far";
    return { part: c.part, ok: c.ok, state, text: checkWords(c, outOf(c.part), done) };
  });
  // Pending: the engine's shortfalls are only "so far"; the checks above say which.
  const outcome = r.outcome
    ? { value: r.outcome, label: OUTCOME_LABELS[r.outcome], reasons: r.outcome === "pending" ? ["marks still to come"] : r.reasons }
    : null;

  // Compact: the one component's aggregation, then what is shown (out of 100 the total is the percentage).
  const c0 = r.components[0];
  let summary = "";
  if (compact && c0) {
    if (c0.fraction === null || c0.scaled === null) summary = "Nothing counts yet: no result";
    else {
      const head = `${aggregationWords(scheme, c0)}: ${pct(c0.fraction)}`;
      const part = c0.part === "internal" ? r.internal : r.external;
      const rounded =
        scheme.rounding.at === "total" ? roundingWords(part.exact, part.value, scheme.rounding) : roundingWords(c0.scaled, c0.value, scheme.rounding);
      summary =
        c0.max === 100
          ? `${head} → ${percent}${rounded ? `, ${ROUNDING_WORDS[scheme.rounding.method]}` : ""}`
          : `${head} → ${num(c0.scaled)} / ${num(c0.max)}${rounded ? `; ${rounded}` : ""}; shown ${percent}`;
    }
  }
  return { compact, components, parts, total, percent, grade, checks, outcome, summary };
}

// ——— the mark needed ———

export type NeededLine = { label: string; text: string; kind: Needed["kind"] };

/** "18 / 40 in End-semester exam", "45% in each: Test 3 (9 / 20), Exam (45 / 100)", "already reached", "no longer reachable". */
export function neededWords(n: Needed): string {
  switch (n.kind) {
    case "reached":
      return "already reached";
    case "unreachable":
      return "no longer reachable";
    case "nothing-left":
      return "not reached, and nothing is left to mark";
    case "score":
      return `${num(n.score)} / ${num(n.maxScore)} in ${n.name}`;
    case "percent":
      return `${n.percent}% in each of the ${n.assessments.length} left: ${n.assessments.map((a) => `${a.name} ${num(a.score)} / ${num(a.maxScore)}`).join(", ")}`;
  }
}

/** The assessments still without a mark (what markNeeded fills in). */
export function assessmentsLeft(assessments: SchemeAssessment[], marks: MarkInput[]): SchemeAssessment[] {
  const entered = new Set(marks.filter((m) => (m.status === "graded" || m.status === "late" ? m.score !== null : true)).map((m) => m.assessmentId));
  return assessments.filter((a) => !entered.has(a.id) && a.maxScore > 0);
}

/**
 * What is needed, in what is left, to pass (when the scheme has pass rules) and to reach each grade
 * of the bands. Grades with the same answer ("already reached") share one line; the lowest band
 * (from 0) is left out, as nothing can fall below it. Empty when nothing is left to mark.
 */
export function markNeededLines(
  scheme: Scheme,
  assessments: SchemeAssessment[],
  marks: MarkInput[],
  attendanceRate: number | null,
  bands: GradeBand[],
): NeededLine[] {
  if (!assessmentsLeft(assessments, marks).length) return [];
  const lines: NeededLine[] = [];
  const rulesSet = scheme.pass.internalMin !== null || scheme.pass.externalMin !== null || scheme.pass.totalMin !== null;
  if (rulesSet) {
    const n = markNeeded(scheme, assessments, marks, attendanceRate, { kind: "pass" });
    lines.push({ label: "To pass", text: neededWords(n), kind: n.kind });
  }
  const grades = [...bands].filter((b) => b.minPercent > 0).sort((x, y) => y.minPercent - x.minPercent);
  let group: { letters: string[]; n: Needed } | null = null;
  const flush = () => {
    if (group) lines.push({ label: `For ${group.letters.join(", ")}`, text: neededWords(group.n), kind: group.n.kind });
    group = null;
  };
  for (const b of grades) {
    const target: Target = { kind: "percent", min: b.minPercent, label: b.letter };
    const n = markNeeded(scheme, assessments, marks, attendanceRate, target);
    const shared = n.kind === "reached" || n.kind === "unreachable" || n.kind === "nothing-left";
    if (group && shared && group.n.kind === n.kind) group.letters.push(b.letter);
    else {
      flush();
      group = { letters: [b.letter], n };
    }
  }
  flush();
  return lines;
}
