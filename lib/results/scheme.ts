import type { MarkStatus } from "@/lib/constants";
import type { AssessmentInput, MarkInput } from "./course";
import { roundHalfUp, roundTo, type RoundingMethod } from "./round";

// An assessment scheme (PRODUCT.md §3, "Schemes"): components, each aggregating its own
// assessments (or the attendance rate) and scaled to a maximum, in an internal or external
// part; a rounding policy; pass rules per part and for the total. Pure: no I/O, no React.

export const AGGREGATIONS = ["weighted", "mean", "sum"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const PARTS = ["internal", "external"] as const;
export type Part = (typeof PARTS)[number];

/** "At least `min` % attendance gives `marks`": bands are half-open, [min, next band's min). */
export type AttendanceBand = { min: number; marks: number };

export type SchemeComponent = {
  /** Stable within the scheme: assessments name their component by it. */
  key: string;
  name: string;
  part: Part;
  source: "assessments" | "attendance";
  aggregation: Aggregation;
  /** Keep only the best N counted items (best N of M). Null: all of them. */
  best: number | null;
  /** Drop the k items whose removal gives the highest (lowest) result; never-drop items stay. */
  dropLowest: number;
  dropHighest: number;
  /** The scaled maximum: the component is reported out of this ("reduce to 15"). */
  max: number;
  /** Attendance components: the rate's bands, any order. */
  bands?: AttendanceBand[];
};

export type RoundingPolicy = {
  /** "component": every component's scaled value; "total": each part's total, once. */
  at: "component" | "total";
  method: RoundingMethod;
  places: number;
};

/** Minimums in marks (of the part's maximum), each checked on its own; null: no such check. */
export type PassRules = { internalMin: number | null; externalMin: number | null; totalMin: number | null };

export type Scheme = { components: SchemeComponent[]; rounding: RoundingPolicy; pass: PassRules };

/** An assessment as the scheme sees it: which component it belongs to, and whether it may be dropped. */
export type SchemeAssessment = AssessmentInput & { componentKey?: string | null; neverDrop?: boolean };

export const DEFAULT_COMPONENT_KEY = "all";

/**
 * Today's behaviour as a scheme: one weighted mean out of 100, rounded once, half up, to one
 * decimal, no pass rules. Every course without a scheme of its own is computed with it, and
 * gives exactly the figures `computeCourseResult` gives (a test holds them equal).
 */
export const DEFAULT_SCHEME: Scheme = {
  components: [
    {
      key: DEFAULT_COMPONENT_KEY,
      name: "All assessments",
      part: "internal",
      source: "assessments",
      aggregation: "weighted",
      best: null,
      dropLowest: 0,
      dropHighest: 0,
      max: 100,
    },
  ],
  rounding: { at: "total", method: "half-up", places: 1 },
  pass: { internalMin: null, externalMin: null, totalMin: null },
};

export type ItemState = "kept" | "dropped" | "not-best" | "excused" | "not-entered" | "unpublished" | "zero-weight";

export type TraceItem = {
  assessmentId: number;
  name: string;
  maxScore: number;
  weight: number;
  score: number | null;
  status: MarkStatus | null;
  /** s / max (absent and missing as 0), when the mark counts at all. */
  fraction: number | null;
  state: ItemState;
  neverDrop: boolean;
};

export type ComponentTrace = {
  key: string;
  name: string;
  part: Part;
  source: "assessments" | "attendance";
  aggregation: Aggregation;
  max: number;
  items: TraceItem[];
  /** The aggregated fraction of the kept items (or of the band's marks), before scaling. */
  fraction: number | null;
  /** Sum aggregation: the kept scores and their maxima ("210 / 300"). */
  points: { scored: number; possible: number } | null;
  /** Attendance: the exact rate and the band it fell in. */
  attendance: { rate: number; band: AttendanceBand | null } | null;
  /** fraction × max, exact. */
  scaled: number | null;
  /** What is reported: `scaled` rounded when the policy rounds components, else the same. */
  value: number | null;
};

export type PartTotal = { value: number | null; exact: number | null; max: number; presentMax: number };

export type PassCheck = { part: "internal" | "external" | "total"; value: number | null; min: number; ok: boolean | null };

export type Outcome = "pass" | "fail" | "absent" | "pending";

export type SchemeResult = {
  components: ComponentTrace[];
  internal: PartTotal;
  external: PartTotal;
  /** The reported total: the parts' reported values added. */
  total: number | null;
  /** The same without any rounding. */
  exactTotal: number | null;
  /** The scheme's whole maximum, and the maximum of the components that have a value so far. */
  max: number;
  presentMax: number;
  /** Exact percentage of what exists so far (for sorting and rules); null when nothing counts. */
  percent: number | null;
  /** The percentage every screen shows and grades from: the reported total over its maximum, one decimal, half up. */
  shown: number | null;
  /** Null when the scheme has no pass rules. */
  outcome: Outcome | null;
  checks: PassCheck[];
  /** In words, for the trace and the candidate page: "internal 15 below the minimum 16". */
  reasons: string[];
};

const finite = (x: number) => Number.isFinite(x);

/** The fraction a mark counts as, or why it does not count. */
function classify(a: SchemeAssessment, m: MarkInput | undefined, aggregation: Aggregation): { state: ItemState; fraction: number | null } {
  if (!a.published) return { state: "unpublished", fraction: null };
  if (!m || !finite(a.maxScore) || a.maxScore <= 0) return { state: "not-entered", fraction: null };
  if (m.status === "excused") return { state: "excused", fraction: null };
  if ((m.status === "graded" || m.status === "late") && (m.score === null || !finite(m.score))) return { state: "not-entered", fraction: null };
  // A weight of 0 gives nothing in a weighted mean, whatever the mark.
  if (aggregation === "weighted" && !(finite(a.weight) && a.weight > 0)) return { state: "zero-weight", fraction: null };
  if (m.status === "absent" || m.status === "missing") return { state: "kept", fraction: 0 };
  return { state: "kept", fraction: Math.min(1, Math.max(0, m.score! / a.maxScore)) };
}

type Pick = { i: number; a: number; b: number; forced: boolean; order: number };

const ratio = (set: Pick[]) => {
  let a = 0;
  let b = 0;
  for (const p of set) {
    a += p.a;
    b += p.b;
  }
  return b > 0 ? a / b : 0;
};

/**
 * The `keep` items whose ratio Σa / Σb is highest (or lowest), with the forced ones always in:
 * Dinkelbach's method, exact in a few rounds. Ties go to the earlier item, so the choice is the
 * same however the caller ordered the items.
 */
function choose(items: Pick[], keep: number, highest: boolean): Pick[] {
  const forced = items.filter((p) => p.forced);
  const free = items.filter((p) => !p.forced);
  const room = Math.max(0, keep - forced.length);
  if (room >= free.length) return items;
  let chosen = [...forced, ...[...free].sort((x, y) => x.order - y.order).slice(0, room)];
  let q = ratio(chosen);
  for (let round = 0; round < 100; round++) {
    const byGain = [...free].sort((x, y) => {
      const gx = x.a - q * x.b;
      const gy = y.a - q * y.b;
      return (highest ? gy - gx : gx - gy) || x.order - y.order;
    });
    const next = [...forced, ...byGain.slice(0, room)];
    const nq = ratio(next);
    if (highest ? nq <= q + 1e-15 : nq >= q - 1e-15) break;
    chosen = next;
    q = nq;
  }
  return chosen;
}

function bandFor(rate: number, bands: AttendanceBand[]): AttendanceBand | null {
  let best: AttendanceBand | null = null;
  for (const b of bands) if (rate >= b.min && (best === null || b.min > best.min)) best = b;
  return best;
}

function componentOf(scheme: Scheme, a: SchemeAssessment): SchemeComponent | undefined {
  const own = a.componentKey ? scheme.components.find((c) => c.key === a.componentKey && c.source === "assessments") : undefined;
  // Unassigned (or assigned to a component that is gone): the first assessments component, so
  // nothing entered is ever silently left out. The editor shows where they went.
  return own ?? scheme.components.find((c) => c.source === "assessments");
}

function computeComponent(
  scheme: Scheme,
  c: SchemeComponent,
  assessments: SchemeAssessment[],
  marks: Map<number, MarkInput>,
  attendanceRate: number | null,
): ComponentTrace {
  const base = { key: c.key, name: c.name, part: c.part, source: c.source, aggregation: c.aggregation, max: c.max };
  if (c.source === "attendance") {
    if (attendanceRate === null || !finite(attendanceRate))
      return { ...base, items: [], fraction: null, points: null, attendance: null, scaled: null, value: null };
    const band = bandFor(attendanceRate, c.bands ?? []);
    const marksGiven = Math.min(c.max, band?.marks ?? 0);
    const fraction = c.max > 0 ? marksGiven / c.max : 0;
    const value = scheme.rounding.at === "component" ? roundTo(marksGiven, scheme.rounding.places, scheme.rounding.method) : marksGiven;
    return { ...base, items: [], fraction, points: null, attendance: { rate: attendanceRate, band }, scaled: marksGiven, value };
  }
  const mine = assessments.filter((a) => componentOf(scheme, a) === c).sort((x, y) => x.id - y.id);
  const items: TraceItem[] = mine.map((a) => {
    const m = marks.get(a.id);
    const k = classify(a, m, c.aggregation);
    return {
      assessmentId: a.id,
      name: a.name,
      maxScore: a.maxScore,
      weight: a.weight,
      score: m?.score ?? null,
      status: m?.status ?? null,
      fraction: k.fraction,
      state: k.state,
      neverDrop: !!a.neverDrop,
    };
  });
  const counted: Pick[] = [];
  items.forEach((it, i) => {
    if (it.state !== "kept" || it.fraction === null) return;
    const w = c.aggregation === "weighted" ? it.weight : c.aggregation === "sum" ? it.maxScore : 1;
    const a = c.aggregation === "sum" ? it.fraction * it.maxScore : it.fraction * w;
    counted.push({ i, a, b: w, forced: it.neverDrop, order: i });
  });
  let kept = counted;
  if (c.best !== null && c.best > 0 && counted.length > c.best) {
    kept = choose(counted, c.best, true);
    const keptSet = new Set(kept.map((p) => p.i));
    for (const p of counted) if (!keptSet.has(p.i)) items[p.i] = { ...items[p.i], state: "not-best" };
  } else {
    const drop = (n: number, highest: boolean) => {
      if (n <= 0) return;
      const keep = Math.max(1, kept.length - n);
      if (keep >= kept.length) return;
      // Dropping the highest keeps the set with the lowest result, and the reverse.
      const next = choose(kept, keep, !highest);
      const nextSet = new Set(next.map((p) => p.i));
      for (const p of kept) if (!nextSet.has(p.i)) items[p.i] = { ...items[p.i], state: "dropped" };
      kept = next;
    };
    drop(c.dropHighest, true);
    drop(c.dropLowest, false);
  }
  if (!kept.length) return { ...base, items, fraction: null, points: null, attendance: null, scaled: null, value: null };
  // Summed in id order so the same marks give the same bits however they arrived.
  const inOrder = [...kept].sort((x, y) => x.i - y.i);
  let a = 0;
  let b = 0;
  for (const p of inOrder) {
    a += p.a;
    b += p.b;
  }
  const fraction = b > 0 ? a / b : null;
  const scaled = fraction === null ? null : fraction * c.max;
  const value = scaled === null ? null : scheme.rounding.at === "component" ? roundTo(scaled, scheme.rounding.places, scheme.rounding.method) : scaled;
  return { ...base, items, fraction, points: c.aggregation === "sum" ? { scored: a, possible: b } : null, attendance: null, scaled, value };
}

function partTotal(scheme: Scheme, comps: ComponentTrace[], part: Part): PartTotal {
  const mine = comps.filter((c) => c.part === part);
  const max = mine.reduce((s, c) => s + c.max, 0);
  const present = mine.filter((c) => c.value !== null);
  if (!present.length) return { value: null, exact: null, max, presentMax: 0 };
  const exact = present.reduce((s, c) => s + (c.scaled ?? 0), 0);
  const reported = present.reduce((s, c) => s + (c.value ?? 0), 0);
  const value = scheme.rounding.at === "total" ? roundTo(exact, scheme.rounding.places, scheme.rounding.method) : roundTo(reported, 10, "half-up");
  return { value, exact, max, presentMax: present.reduce((s, c) => s + c.max, 0) };
}

/** A part is absent when it has assessments and every mark entered there says absent. */
function partAbsent(comps: ComponentTrace[], part: Part): boolean {
  const items = comps
    .filter((c) => c.part === part && c.source === "assessments")
    .flatMap((c) => c.items.filter((i) => i.status !== null && i.state !== "unpublished"));
  return items.length > 0 && items.every((i) => i.status === "absent");
}

/** Still to be entered: a published assessment of the part with no mark (excused ones are settled). */
function partIncomplete(comps: ComponentTrace[], part: Part): boolean {
  return comps.some((c) => c.part === part && (c.value === null || c.items.some((i) => i.state === "not-entered")));
}

const fmt = (x: number) => String(roundTo(x, 2, "half-up"));

/**
 * A course's result under a scheme: each component aggregated and scaled, the parts totalled
 * and rounded as the policy says, and the pass rules checked one by one. `attendanceRate` is
 * the candidate's exact rate in the course (null when no session counts).
 */
export function computeSchemeResult(scheme: Scheme, assessments: SchemeAssessment[], marks: MarkInput[], attendanceRate: number | null = null): SchemeResult {
  const byAssessment = new Map(marks.map((m) => [m.assessmentId, m]));
  const components = scheme.components.map((c) => computeComponent(scheme, c, assessments, byAssessment, attendanceRate));
  const internal = partTotal(scheme, components, "internal");
  const external = partTotal(scheme, components, "external");
  const max = internal.max + external.max;
  const presentMax = internal.presentMax + external.presentMax;
  const have = internal.value !== null || external.value !== null;
  const total = have ? roundTo((internal.value ?? 0) + (external.value ?? 0), 10, "half-up") : null;
  const exactTotal = have ? (internal.exact ?? 0) + (external.exact ?? 0) : null;
  // Out of 100 the total is the percentage: no arithmetic that could move its last bit (the
  // default scheme must give exactly what computeCourseResult gives).
  const asPercent = (x: number) => (presentMax === 100 ? x : (x / presentMax) * 100);
  const percent = exactTotal !== null && presentMax > 0 ? asPercent(exactTotal) : null;
  const shown = total !== null && presentMax > 0 ? roundHalfUp(asPercent(total), 1) : null;

  const checks: PassCheck[] = [];
  const rules = scheme.pass;
  const check = (part: PassCheck["part"], value: number | null, min: number | null) => {
    if (min === null || !finite(min)) return;
    checks.push({ part, value, min, ok: value === null ? null : value >= min });
  };
  check("internal", internal.value, rules.internalMin);
  check("external", external.value, rules.externalMin);
  check("total", total, rules.totalMin);
  const reasons: string[] = [];
  let outcome: Outcome | null = null;
  if (checks.length) {
    const hasExternal = components.some((c) => c.part === "external");
    if (hasExternal && partAbsent(components, "external")) {
      outcome = "absent";
      reasons.push("absent in the external exam");
    } else {
      for (const c of checks) if (c.ok === false) reasons.push(`${c.part} ${fmt(c.value!)} below the minimum ${fmt(c.min)}`);
      const incomplete = partIncomplete(components, "internal") || (hasExternal && partIncomplete(components, "external"));
      if (reasons.length && !incomplete) outcome = "fail";
      else if (incomplete) outcome = "pending";
      else outcome = "pass";
    }
  }
  return { components, internal, external, total, exactTotal, max, presentMax, percent, shown, outcome, checks, reasons };
}

/** What is wrong with a scheme, in words for the editor; empty when it can be used. */
export function validateScheme(scheme: Scheme): string[] {
  const problems: string[] = [];
  if (!scheme.components.length) problems.push("Add at least one component.");
  const keys = new Set<string>();
  for (const c of scheme.components) {
    const name = c.name.trim() || "A component";
    if (!c.key.trim()) problems.push(`${name} needs a key.`);
    if (keys.has(c.key)) problems.push(`Two components use the key “${c.key}”.`);
    keys.add(c.key);
    if (!c.name.trim()) problems.push("Every component needs a name.");
    if (!finite(c.max) || c.max <= 0) problems.push(`${name}: the maximum must be more than 0.`);
    if (c.best !== null && (!Number.isInteger(c.best) || c.best < 1)) problems.push(`${name}: “best of” must be a whole number of at least 1.`);
    if (c.best !== null && (c.dropLowest > 0 || c.dropHighest > 0)) problems.push(`${name}: choose either “best N” or dropping, not both.`);
    for (const [label, n] of [
      ["drop lowest", c.dropLowest],
      ["drop highest", c.dropHighest],
    ] as const) {
      if (!Number.isInteger(n) || n < 0) problems.push(`${name}: “${label}” must be a whole number, 0 or more.`);
    }
    if (c.source === "attendance") {
      const bands = c.bands ?? [];
      if (!bands.length) problems.push(`${name}: add at least one attendance band.`);
      const mins = new Set<number>();
      for (const b of bands) {
        if (!finite(b.min) || b.min < 0 || b.min > 100) problems.push(`${name}: a band's lower bound must be between 0 and 100.`);
        if (mins.has(b.min)) problems.push(`${name}: two bands start at ${b.min}%.`);
        mins.add(b.min);
        if (!finite(b.marks) || b.marks < 0 || b.marks > c.max) problems.push(`${name}: a band's marks must be between 0 and ${c.max}.`);
      }
    }
  }
  if (!scheme.components.some((c) => c.source === "assessments")) problems.push("Add at least one component made of assessments.");
  const r = scheme.rounding;
  if (!Number.isInteger(r.places) || r.places < 0 || r.places > 4) problems.push("Round to between 0 and 4 decimal places.");
  const internalMax = scheme.components.filter((c) => c.part === "internal").reduce((s, c) => s + c.max, 0);
  const externalMax = scheme.components.filter((c) => c.part === "external").reduce((s, c) => s + c.max, 0);
  const p = scheme.pass;
  if (p.internalMin !== null && (p.internalMin < 0 || p.internalMin > internalMax)) problems.push(`The internal minimum must be between 0 and ${internalMax}.`);
  if (p.externalMin !== null && (p.externalMin < 0 || p.externalMin > externalMax)) problems.push(`The external minimum must be between 0 and ${externalMax}.`);
  if (p.externalMin !== null && externalMax === 0) problems.push("An external minimum needs an external component.");
  if (p.totalMin !== null && (p.totalMin < 0 || p.totalMin > internalMax + externalMax))
    problems.push(`The total minimum must be between 0 and ${internalMax + externalMax}.`);
  return [...new Set(problems)];
}

export type Target = { kind: "pass" } | { kind: "percent"; min: number; label: string };

export type Needed =
  | { kind: "reached" }
  | { kind: "unreachable" }
  | { kind: "nothing-left" }
  /** One assessment left: the lowest score there that reaches the target. */
  | { kind: "score"; assessmentId: number; name: string; score: number; maxScore: number }
  /** Several left: the lowest percentage, the same on each, that reaches it. */
  | { kind: "percent"; percent: number; assessments: { assessmentId: number; name: string; score: number; maxScore: number }[] };

const reaches = (r: SchemeResult, t: Target) => (t.kind === "pass" ? r.outcome === "pass" : r.shown !== null && r.shown >= t.min);

/**
 * The question teachers are asked most: what is needed in what is left to pass, or to reach a
 * grade. "Left" is every assessment with no mark yet, published or not (the end-of-term exam is
 * often not published until it is held). Results only rise with a mark, so the answer is found by
 * bisection: the lowest whole score (one assessment left) or whole percentage (several) that does it.
 */
export function markNeeded(scheme: Scheme, assessments: SchemeAssessment[], marks: MarkInput[], attendanceRate: number | null, target: Target): Needed {
  const entered = (m: MarkInput) => (m.status === "graded" || m.status === "late" ? m.score !== null : true);
  const marked = new Set(marks.filter(entered).map((m) => m.assessmentId));
  const left = assessments.filter((a) => !marked.has(a.id) && finite(a.maxScore) && a.maxScore > 0);
  const asIfPublished = assessments.map((a) => (left.includes(a) ? { ...a, published: true } : a));
  const now = computeSchemeResult(scheme, assessments, marks, attendanceRate);
  if (!left.length) return reaches(now, target) ? { kind: "reached" } : { kind: "nothing-left" };
  const withFraction = (f: number) =>
    computeSchemeResult(
      scheme,
      asIfPublished,
      [...marks, ...left.map((a) => ({ assessmentId: a.id, score: f * a.maxScore, status: "graded" as const }))],
      attendanceRate,
    );
  // Already there whatever is still to come: the lowest possible marks reach it.
  if (reaches(withFraction(0), target)) return { kind: "reached" };
  if (!reaches(withFraction(1), target)) return { kind: "unreachable" };
  if (left.length === 1) {
    const a = left[0];
    let lo = 0;
    let hi = Math.ceil(a.maxScore);
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (reaches(withFraction(Math.min(1, mid / a.maxScore)), target)) hi = mid;
      else lo = mid + 1;
    }
    return { kind: "score", assessmentId: a.id, name: a.name, score: Math.min(lo, a.maxScore), maxScore: a.maxScore };
  }
  let lo = 0;
  let hi = 100;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (reaches(withFraction(mid / 100), target)) hi = mid;
    else lo = mid + 1;
  }
  return {
    kind: "percent",
    percent: lo,
    assessments: left.map((a) => ({ assessmentId: a.id, name: a.name, score: roundTo((lo / 100) * a.maxScore, 2, "up"), maxScore: a.maxScore })),
  };
}
