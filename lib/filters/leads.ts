import { LEAD_STATUSES, type LeadStatus } from "@/lib/constants";
import { first, type SearchParams } from "@/lib/list";
import type { Actor } from "@/lib/actor";
import type { LeadFilters } from "@/db/queries/leads";

export const LEAD_SORTS = ["name", "status", "source", "owner", "followUp", "created", "program"] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

/** The lead list's filters from the URL; owner=me is the signed-in counsellor. */
export function leadFilters(sp: SearchParams, user: Actor): LeadFilters {
  const status = first(sp.status);
  const owner = first(sp.owner);
  const followUp = first(sp.followUp);
  const since = first(sp.since);
  const now = new Date();
  return {
    status: (LEAD_STATUSES as readonly string[]).includes(status ?? "") ? (status as LeadStatus) : undefined,
    ownerId: owner === "me" ? user.id : Number(owner) || undefined,
    source: first(sp.source) || undefined,
    followUp: ["due", "overdue", "today", "week", "none"].includes(followUp ?? "") ? (followUp as LeadFilters["followUp"]) : undefined,
    createdSince: since === "month" ? new Date(now.getFullYear(), now.getMonth(), 1) : since === "30d" ? new Date(Date.now() - 30 * 86_400_000) : undefined,
    statusSince: first(sp.changed) === "week" ? new Date(Date.now() - 7 * 86_400_000) : undefined,
  };
}
