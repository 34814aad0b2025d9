"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { TASK_STATUSES } from "@/lib/constants";
import { action, idSchema } from "@/lib/action";
import { taskSchema } from "@/lib/forms/crm";
import { createTask, deleteTask, markTasksSeen, setTaskStatus, updateTask } from "@/db/queries/tasks";

export const createTaskAction = action({ access: "tasks.manage", schema: taskSchema }, async (input, { user }) => {
  const row = await createTask(user, input);
  revalidatePath("/", "layout");
  return { id: row.id };
});

export const updateTaskAction = action({ access: "tasks.manage", schema: taskSchema.extend({ id: idSchema }) }, async ({ id, ...input }, { user }) => {
  await updateTask(user, id, input);
  revalidatePath("/", "layout");
  return { id };
});

export const setTaskStatusAction = action({ access: "tasks.manage", schema: z.object({ id: idSchema, status: z.enum(TASK_STATUSES) }) }, async ({ id, status }, { user }) => {
  await setTaskStatus(user, id, status);
  revalidatePath("/", "layout");
  return { id, status };
});

export const deleteTaskAction = action({ access: "tasks.manage", schema: z.object({ id: idSchema }) }, async ({ id }, { user }) => {
  await deleteTask(user, id);
  revalidatePath("/", "layout");
  return { id };
});

export const markTasksSeenAction = action({ access: "tasks.manage", schema: z.object({}) }, async (_input, { user }) => {
  const n = await markTasksSeen(user);
  return { seen: n };
});
