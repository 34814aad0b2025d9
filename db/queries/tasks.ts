import "server-only";
import { and, asc, count, desc, eq, ne, or, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { db, withTx, type DbOrTx } from "@/db/client";
import { candidates, leads, seenTasks, tasks, users } from "@/db/schema";
import type { TaskStatus } from "@/lib/constants";
import { can } from "@/lib/auth/permissions";
import { likePattern, sortKey, type ListParams, type Page } from "@/lib/list";
import { TASK_SORTS, type TaskSort } from "@/lib/filters/tasks";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit, recordCreatedMany } from "./audit";
import { assertCandidateVisible } from "./scope";
import { assertLeadNotErased, assertNotErased } from "./privacy";

export type TaskInput = {
  title: string;
  description?: string | null;
  dueAt?: Date | null;
  ownerId?: number | null;
  status: TaskStatus;
  leadId?: number | null;
  candidateId?: number | null;
};
export type TaskFilters = { ownerId?: number; status?: TaskStatus | "not_done"; due?: "overdue" | "today" | "week"; leadId?: number; candidateId?: number };
export type TaskRow = {
  id: number;
  title: string;
  description: string | null;
  dueAt: Date | null;
  status: TaskStatus;
  ownerId: number | null;
  ownerName: string | null;
  leadId: number | null;
  leadName: string | null;
  candidateId: number | null;
  candidateName: string | null;
  completedAt: Date | null;
};

/**
 * Which tasks someone sees: admins all; others what they own or created; counsellors also
 * every task on a lead (the leads are shared among them).
 */
export function tasksVisibleTo(actor: Actor): SQL | undefined {
  if (actor.role === "admin") return undefined;
  const mine = or(eq(tasks.ownerId, actor.id), eq(tasks.createdBy, actor.id));
  return actor.role === "counsellor" ? or(mine, sql`${tasks.leadId} is not null`) : mine;
}

const startOfDay = () => {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

export function taskWhere(actor: Actor, params: Pick<ListParams, "q">, f: TaskFilters): SQL | undefined {
  const w: (SQL | undefined)[] = [tasksVisibleTo(actor)];
  if (params.q) {
    const p = likePattern(params.q);
    w.push(
      sql`(${tasks.title} like ${p} escape '\\' or ${tasks.description} like ${p} escape '\\' or ${leads.studentName} like ${p} escape '\\' or ${candidates.fullName} like ${p} escape '\\')`,
    );
  }
  if (f.ownerId) w.push(eq(tasks.ownerId, f.ownerId));
  if (f.status === "not_done") w.push(ne(tasks.status, "done"));
  else if (f.status) w.push(eq(tasks.status, f.status));
  if (f.leadId) w.push(eq(tasks.leadId, f.leadId));
  if (f.candidateId) w.push(eq(tasks.candidateId, f.candidateId));
  if (f.due) {
    w.push(ne(tasks.status, "done"), sql`${tasks.dueAt} is not null`);
    const sod = startOfDay();
    if (f.due === "overdue") w.push(sql`${tasks.dueAt} < ${Date.now()}`);
    if (f.due === "today") w.push(sql`${tasks.dueAt} >= ${sod} and ${tasks.dueAt} < ${sod + 86_400_000}`);
    if (f.due === "week") w.push(sql`${tasks.dueAt} >= ${sod} and ${tasks.dueAt} < ${sod + 7 * 86_400_000}`);
  }
  return and(...w.filter(Boolean));
}

const SORTS = {
  title: tasks.title,
  due: sql`coalesce(${tasks.dueAt}, 99999999999999)`,
  owner: users.fullName,
  status: tasks.status,
  created: tasks.createdAt,
} satisfies Record<TaskSort, AnySQLiteColumn | SQL>;

export async function listTasks(actor: Actor, params: ListParams, f: TaskFilters = {}): Promise<Page<TaskRow>> {
  assertCan(actor, "tasks.manage");
  const cond = taskWhere(actor, params, f);
  const sortCol = SORTS[sortKey(TASK_SORTS, params.sort, "due")];
  const base = () =>
    db
      .select({
        id: tasks.id,
        title: tasks.title,
        description: tasks.description,
        dueAt: tasks.dueAt,
        status: tasks.status,
        ownerId: tasks.ownerId,
        ownerName: users.fullName,
        leadId: tasks.leadId,
        leadName: leads.studentName,
        candidateId: tasks.candidateId,
        candidateName: candidates.fullName,
        completedAt: tasks.completedAt,
      })
      .from(tasks)
      .leftJoin(users, eq(users.id, tasks.ownerId))
      .leftJoin(leads, eq(leads.id, tasks.leadId))
      .leftJoin(candidates, eq(candidates.id, tasks.candidateId));
  const [rows, [{ n }]] = await Promise.all([
    base()
      .where(cond)
      .orderBy(params.dir === "desc" ? desc(sortCol) : asc(sortCol), desc(tasks.id))
      .limit(params.size)
      .offset((params.page - 1) * params.size),
    db.select({ n: count() }).from(tasks).leftJoin(leads, eq(leads.id, tasks.leadId)).leftJoin(candidates, eq(candidates.id, tasks.candidateId)).where(cond),
  ]);
  return { rows, total: n, page: params.page, size: params.size };
}

async function mustGet(actor: Actor, id: number, tx: DbOrTx = db) {
  const [row] = await tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), tasksVisibleTo(actor)));
  if (!row) throw new NotFoundError("Task not found.");
  return row;
}

async function checkLinks(actor: Actor, tx: DbOrTx, input: TaskInput, before?: typeof tasks.$inferSelect) {
  if (input.leadId && input.candidateId) throw new DomainError("Link the task to a lead or a candidate, not both.", { leadId: ["Choose one"] });
  if (input.leadId) {
    if (!can(actor.role, "leads.read")) throw new DomainError("You cannot link tasks to leads.", { leadId: ["Not allowed"] });
    const [l] = await tx.select({ id: leads.id }).from(leads).where(eq(leads.id, input.leadId));
    if (!l) throw new DomainError("That lead no longer exists.", { leadId: ["Choose an existing lead"] });
  }
  if (input.candidateId) {
    await assertCandidateVisible(actor, input.candidateId, tx);
    // A link it already had may stay (assertErasedKept guards its words); a new one may not.
    if (input.candidateId !== before?.candidateId) await assertNotErased(tx, input.candidateId);
  }
  if (input.leadId && input.leadId !== before?.leadId) await assertLeadNotErased(tx, input.leadId);
  if (input.ownerId) {
    const [u] = await tx.select({ active: users.active }).from(users).where(eq(users.id, input.ownerId));
    if (!u?.active) throw new DomainError("The owner must be an active staff member.", { ownerId: ["Choose someone active"] });
  }
}

export async function createTask(actor: Actor, input: TaskInput, tx?: DbOrTx) {
  assertCan(actor, "tasks.manage");
  const run = async (t: DbOrTx) => {
    await checkLinks(actor, t, input);
    const [row] = await t
      .insert(tasks)
      .values({
        title: input.title.trim(),
        description: input.description ?? null,
        dueAt: input.dueAt ?? null,
        ownerId: input.ownerId ?? (actor.id || null),
        status: input.status,
        leadId: input.leadId ?? null,
        candidateId: input.candidateId ?? null,
        completedAt: input.status === "done" ? new Date() : null,
        createdBy: actor.id || null,
      })
      .returning();
    await recordAudit(t, actor, "create", "task", row.id, null, row);
    return row;
  };
  return withTx(tx, run);
}

/**
 * A task about an erased person keeps its anonymised words and its link: unlinking it first
 * would let new words in. Its status, due date and owner may still change.
 */
async function assertErasedKept(tx: DbOrTx, before: typeof tasks.$inferSelect, input: TaskInput) {
  const text = input.title.trim() !== before.title || (input.description ?? null) !== before.description;
  const links = (input.candidateId ?? null) !== before.candidateId || (input.leadId ?? null) !== before.leadId;
  if (!text && !links) return;
  if (before.candidateId) await assertNotErased(tx, before.candidateId);
  if (before.leadId) await assertLeadNotErased(tx, before.leadId);
}

export async function updateTask(actor: Actor, id: number, input: TaskInput) {
  assertCan(actor, "tasks.manage");
  return db.transaction(async (tx) => {
    const before = await mustGet(actor, id, tx);
    await assertErasedKept(tx, before, input);
    await checkLinks(actor, tx, input, before);
    const [after] = await tx
      .update(tasks)
      .set({
        title: input.title.trim(),
        description: input.description ?? null,
        dueAt: input.dueAt ?? null,
        ownerId: input.ownerId ?? before.ownerId,
        status: input.status,
        leadId: input.leadId ?? null,
        candidateId: input.candidateId ?? null,
        completedAt: input.status === "done" ? (before.completedAt ?? new Date()) : null,
      })
      .where(eq(tasks.id, id))
      .returning();
    await recordAudit(tx, actor, "update", "task", id, before, after);
    return after;
  });
}

export async function setTaskStatus(actor: Actor, id: number, status: TaskStatus) {
  assertCan(actor, "tasks.manage");
  return db.transaction(async (tx) => {
    const before = await mustGet(actor, id, tx);
    const [after] = await tx
      .update(tasks)
      .set({ status, completedAt: status === "done" ? new Date() : null })
      .where(eq(tasks.id, id))
      .returning();
    await recordAudit(
      tx,
      actor,
      status === "done" ? "complete" : "change-status",
      "task",
      id,
      { status: before.status, title: before.title },
      { status, title: before.title },
    );
    return after;
  });
}

export async function deleteTask(actor: Actor, id: number) {
  assertCan(actor, "tasks.manage");
  await db.transaction(async (tx) => {
    const before = await mustGet(actor, id, tx);
    await tx.delete(tasks).where(eq(tasks.id, id));
    await recordAudit(tx, actor, "delete", "task", id, before, null);
  });
}

// ——— "new" tasks (ClientSync's seen_tasks) ———

export async function unseenTaskCount(actor: Actor): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(tasks)
    .where(
      and(
        eq(tasks.ownerId, actor.id),
        ne(tasks.status, "done"),
        sql`not exists (select 1 from ${seenTasks} where ${seenTasks.userId} = ${actor.id} and ${seenTasks.taskId} = ${tasks.id})`,
      ),
    );
  return row.n;
}

/** Opening the task list marks the user's open tasks as seen. */
export async function markTasksSeen(actor: Actor, taskIds?: number[]) {
  const ids =
    taskIds ??
    (
      await db
        .select({ id: tasks.id })
        .from(tasks)
        .where(
          and(
            eq(tasks.ownerId, actor.id),
            ne(tasks.status, "done"),
            sql`not exists (select 1 from ${seenTasks} where ${seenTasks.userId} = ${actor.id} and ${seenTasks.taskId} = ${tasks.id})`,
          ),
        )
    ).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .insert(seenTasks)
      .values(ids.slice(i, i + 500).map((taskId) => ({ userId: actor.id, taskId })))
      .onConflictDoNothing();
  }
  return ids.length;
}

/** Many tasks at once (seeding), each audited. */
export async function createTasksBulk(tx: DbOrTx, actor: Actor, inputs: (TaskInput & { ownerId: number })[]) {
  assertCan(actor, "tasks.manage");
  for (let i = 0; i < inputs.length; i += 300) {
    const rows = await tx
      .insert(tasks)
      .values(
        inputs.slice(i, i + 300).map((t) => ({
          title: t.title,
          description: t.description ?? null,
          dueAt: t.dueAt ?? null,
          ownerId: t.ownerId,
          status: t.status,
          leadId: t.leadId ?? null,
          candidateId: t.candidateId ?? null,
          completedAt: t.status === "done" ? new Date() : null,
          createdBy: actor.id || null,
        })),
      )
      .returning();
    await recordCreatedMany(tx, actor, "task", rows);
  }
}
