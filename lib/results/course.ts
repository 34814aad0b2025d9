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
  /** s / max, with absent and missing as 0; null when not counted. */
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

/** Whether a mark counts, and as what fraction (PRODUCT.md §3). */
function classify(a: AssessmentInput, m: MarkInput | undefined): { reason: ExclusionReason; fraction: number | null } {
  if (!a.published) return { reason: "unpublished", fraction: null };
  if (!(a.maxScore > 0)) return { reason: "not-entered", fraction: null };
  if (!m) return { reason: "not-entered", fraction: null };
  switch (m.status) {
    case "excused":
      return { reason: "excused", fraction: null };
    case "absent":
      return { reason: a.weight > 0 ? "absent-counts-zero" : "zero-weight", fraction: 0 };
    case "missing":
      return { reason: a.weight > 0 ? "missing-counts-zero" : "zero-weight", fraction: 0 };
    case "graded":
    case "late":
      if (m.score === null || !Number.isFinite(m.score)) return { reason: "not-entered", fraction: null };
      return { reason: a.weight > 0 ? "counted" : "zero-weight", fraction: m.score / a.maxScore };
  }
}

/** Course percentage = Σ wᵢ·(sᵢ/maxᵢ) / Σ wᵢ × 100 over the assessments that count. */
export function computeCourseResult(assessments: AssessmentInput[], marks: MarkInput[]): CourseResult {
  const byAssessment = new Map(marks.map((m) => [m.assessmentId, m]));
  const classified = assessments.map((a) => ({ a, m: byAssessment.get(a.id), ...classify(a, byAssessment.get(a.id)) }));
  let countedWeight = 0;
  let weighted = 0;
  let totalWeight = 0;
  for (const c of classified) {
    if (c.a.published && c.a.weight > 0) totalWeight += c.a.weight;
    if (c.fraction !== null && c.a.weight > 0) {
      countedWeight += c.a.weight;
      weighted += c.a.weight * c.fraction;
    }
  }
  const percent = countedWeight > 0 ? (weighted / countedWeight) * 100 : null;
  const breakdown: BreakdownItem[] = classified.map(({ a, m, reason, fraction }) => {
    const counted = fraction !== null && a.weight > 0;
    return {
      assessmentId: a.id,
      name: a.name,
      maxScore: a.maxScore,
      weight: a.weight,
      score: m?.score ?? null,
      status: m?.status ?? null,
      counted,
      reason,
      fraction,
      contribution: counted ? ((a.weight * fraction) / countedWeight) * 100 : null,
      share: counted ? (a.weight / countedWeight) * 100 : null,
    };
  });
  return { percent, shown: percent === null ? null : roundHalfUp(percent, 1), countedWeight, totalWeight, breakdown };
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
