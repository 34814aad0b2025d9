import { first, type SearchParams } from "@/lib/list";
import type { DetentionReason } from "@/lib/results/eligibility";

// The detention list's and the condonation queue's sort keys (their tables' column ids) and
// URL filters, shared by the queries and the screens.

export const DETENTION_SORTS = ["candidate", "course", "rate", "reason"] as const;
export type DetentionSort = (typeof DETENTION_SORTS)[number];

export const DETENTION_REASONS = ["below_band", "not_condoned", "refused"] as const satisfies readonly DetentionReason[];

export type DetentionFilters = { termId?: number; courseId?: number; programId?: number; reason?: DetentionReason };

const num = (sp: SearchParams, k: string) => {
  const n = Number(first(sp[k]));
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

/** ?term=&course=&program=&reason= (the term defaults to the current one, chosen by the query). */
export function detentionFilters(sp: SearchParams): DetentionFilters {
  const reason = first(sp.reason);
  return {
    termId: num(sp, "term"),
    courseId: num(sp, "course"),
    programId: num(sp, "program"),
    reason: (DETENTION_REASONS as readonly string[]).includes(reason ?? "") ? (reason as DetentionReason) : undefined,
  };
}

export const CONDONATION_SORTS = ["requested", "candidate", "course", "rate", "decided"] as const;
export type CondonationSort = (typeof CONDONATION_SORTS)[number];

/** The queue's states: waiting for a decision (the default), decided (approved or refused), or one of those. */
export const CONDONATION_VIEWS = ["pending", "decided", "approved", "refused", "all"] as const;
export type CondonationView = (typeof CONDONATION_VIEWS)[number];

export type CondonationFilters = { view: CondonationView; termId?: number; courseId?: number; candidateId?: number };

export function condonationFilters(sp: SearchParams): CondonationFilters {
  const view = first(sp.state);
  return {
    view: (CONDONATION_VIEWS as readonly string[]).includes(view ?? "") ? (view as CondonationView) : "pending",
    termId: num(sp, "term"),
    courseId: num(sp, "course"),
    candidateId: num(sp, "candidate"),
  };
}
