import type { MarkStatus } from "@/lib/constants";
import { roundHalfUp } from "./round";
import { gradeFor, type GradeBand } from "./grades";

export type AssessmentInput = {
  id: number;
  name: string;
  maxScore: number;
  weight: number;
  published: boolean;
  dueOn?: string | null;
  position?: number;
};

export type MarkInput = { assessmentId: number; score: number | null; status: MarkStatus };

export type ExclusionReason = "counted" | "absent-counts-zero" | "missing-counts-zero" | "excused" | "not-entered" | "unpublished" | "zero-weight";

export type BreakdownItem = {
  assessmentId: number;
  name: string;
  maxScore: number;
  weight: number;
  score: number | null;
  status: MarkStatus | null;
  counted: boolean;
  reason: ExclusionReason;
  /** s / max, absent and missing as 0; null when there is no usable score (weight-0 items keep theirs). */
  fraction: number | null;
  /** Points of the course percentage this item adds: w·(s/max) / Σw × 100. */
  contribution: number | null;
  /** This item's share of the counted weight, as a percentage. */
  share: number | null;
};

export type CourseResult = {
  /** Exact, unrounded; null when nothing counts yet. */
  percent: number | null;
  /** Rounded half up to one decimal: the value every screen shows and grades from. */
  shown: number | null;
  countedWeight: number;
  totalWeight: number;
  breakdown: BreakdownItem[];
};

const hasWeight = (a: AssessmentInput) => Number.isFinite(a.weight) && a.weight > 0;

/** Whether a mark counts, and as what fraction (PRODUCT.md §3). */
function classify(a: AssessmentInput, m: MarkInput | undefined): { reason: ExclusionReason; fraction: number | null } {
  if (!a.published) return { reason: "unpublished", fraction: null };
  // A maximum ≤ 0 (rejected on input) would divide by zero: treat it as nothing entered, never NaN.
  if (!m || !Number.isFinite(a.maxScore) || a.maxScore <= 0) return { reason: "not-entered", fraction: null };
  switch (m.status) {
    case "excused":
      return { reason: "excused", fraction: null };
    case "absent":
      return { reason: hasWeight(a) ? "absent-counts-zero" : "zero-weight", fraction: 0 };
    case "missing":
      return { reason: hasWeight(a) ? "missing-counts-zero" : "zero-weight", fraction: 0 };
    case "graded":
    case "late":
      if (m.score === null || !Number.isFinite(m.score)) return { reason: "not-entered", fraction: null };
      return { reason: hasWeight(a) ? "counted" : "zero-weight", fraction: m.score / a.maxScore };
  }
}

/** Course percentage = Σ wᵢ·(sᵢ/maxᵢ) / Σ wᵢ × 100 over the assessments that count. */
export function computeCourseResult(assessments: AssessmentInput[], marks: MarkInput[]): CourseResult {
  const byAssessment = new Map(marks.map((m) => [m.assessmentId, m]));
  const items = assessments.map((a) => {
    const m = byAssessment.get(a.id);
    const c = classify(a, m);
    return { a, m, ...c, counted: c.fraction !== null && hasWeight(a) };
  });
  // Summed in id order so the same marks give the same bits however the caller ordered them.
  let countedWeight = 0;
  let weighted = 0;
  let totalWeight = 0;
  for (const it of [...items].sort((x, y) => x.a.id - y.a.id)) {
    if (it.a.published && hasWeight(it.a)) totalWeight += it.a.weight;
    if (it.counted && it.fraction !== null) {
      countedWeight += it.a.weight;
      weighted += it.a.weight * it.fraction;
    }
  }
  const percent = countedWeight > 0 ? (weighted / countedWeight) * 100 : null;
  const breakdown: BreakdownItem[] = items.map(({ a, m, reason, fraction, counted }) => ({
    assessmentId: a.id,
    name: a.name,
    maxScore: a.maxScore,
    weight: a.weight,
    score: m?.score ?? null,
    status: m?.status ?? null,
    counted,
    reason,
    fraction,
    contribution: counted && fraction !== null ? ((a.weight * fraction) / countedWeight) * 100 : null,
    share: counted ? (a.weight / countedWeight) * 100 : null,
  }));
  return { percent, shown: percent === null ? null : roundHalfUp(percent, 1), countedWeight, totalWeight, breakdown };
}

/** Marks recorded as missing on published assessments: what the missing-work rule counts. */
export function countMissing(assessments: Pick<AssessmentInput, "id" | "published">[], marks: Pick<MarkInput, "assessmentId" | "status">[]): number {
  const published = new Set(assessments.filter((a) => a.published).map((a) => a.id));
  const seen = new Set<number>();
  for (const m of marks) if (m.status === "missing" && published.has(m.assessmentId)) seen.add(m.assessmentId);
  return seen.size;
}

export function gradeOf(result: Pick<CourseResult, "shown">, bands?: GradeBand[]): GradeBand | null {
  return gradeFor(result.shown, bands);
}

export const REASON_LABELS: Record<ExclusionReason, string> = {
  counted: "Counted",
  "absent-counts-zero": "Absent — counts as 0",
  "missing-counts-zero": "Missing — counts as 0",
  excused: "Excused — not counted",
  "not-entered": "Not entered yet — not counted",
  unpublished: "Not published — not counted",
  "zero-weight": "Weight 0 — does not affect the result",
};
