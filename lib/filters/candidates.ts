import { CANDIDATE_STATUSES, type CandidateStatus } from "@/lib/constants";
import { first, type SearchParams } from "@/lib/list";
import type { Actor } from "@/lib/actor";
import type { CandidateFilters } from "@/db/queries/candidates";

/** The candidate list's sort keys (its table's column ids); "average" only for those who may read marks. */
export const CANDIDATE_SORTS = ["name", "number", "program", "advisor", "status", "enrolled", "alerts", "average"] as const;
export type CandidateSort = (typeof CANDIDATE_SORTS)[number];

/** The candidate list's filters from the URL; "advisor=me" means the signed-in faculty member. */
export function candidateFilters(sp: SearchParams, user: Actor): CandidateFilters {
  const num = (k: string) => {
    const n = Number(first(sp[k]));
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  };
  const status = first(sp.status);
  const advisor = first(sp.advisor);
  return {
    programId: num("program"),
    courseId: num("course"),
    institutionId: num("institution"),
    status: (CANDIDATE_STATUSES as readonly string[]).includes(status ?? "") ? (status as CandidateStatus) : undefined,
    advisorId: advisor === "me" ? user.id : num("advisor"),
    atRisk: first(sp.risk) === "1",
  };
}
