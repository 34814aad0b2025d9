import { TASK_STATUSES } from "@/lib/constants";
import { first, type SearchParams } from "@/lib/list";
import type { Actor } from "@/lib/actor";
import type { TaskFilters } from "@/db/queries/tasks";

export const TASK_SORTS = ["title", "due", "owner", "status", "created"] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export function taskFilters(sp: SearchParams, user: Actor): TaskFilters {
  const owner = first(sp.owner);
  const status = first(sp.status);
  const due = first(sp.due);
  return {
    ownerId: owner === "me" ? user.id : Number(owner) || undefined,
    status: status === "not_done" ? "not_done" : (TASK_STATUSES as readonly string[]).includes(status ?? "") ? (status as TaskFilters["status"]) : undefined,
    due: ["overdue", "today", "week"].includes(due ?? "") ? (due as TaskFilters["due"]) : undefined,
  };
}
