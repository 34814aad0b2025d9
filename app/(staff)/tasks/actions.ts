"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { idOnly, noInput } from "@/lib/forms/fields";
import { taskSchema, taskStatusSchema, updateTaskSchema } from "@/lib/forms/task";
import { createTask, deleteTask, markTasksSeen, setTaskStatus, updateTask } from "@/db/queries/tasks";

export const createTaskAction = action({ access: "tasks.manage", schema: taskSchema }, async (input, { user }) => {
  const row = await createTask(user, input);
  revalidatePath("/", "layout");
  return { id: row.id };
});

export const updateTaskAction = action({ access: "tasks.manage", schema: updateTaskSchema }, async ({ id, ...input }, { user }) => {
  await updateTask(user, id, input);
  revalidatePath("/", "layout");
  return { id };
});

export const setTaskStatusAction = action({ access: "tasks.manage", schema: taskStatusSchema }, async ({ id, status }, { user }) => {
  await setTaskStatus(user, id, status);
  revalidatePath("/", "layout");
  return { id, status };
});

export const deleteTaskAction = action({ access: "tasks.manage", schema: idOnly }, async ({ id }, { user }) => {
  await deleteTask(user, id);
  revalidatePath("/", "layout");
  return { id };
});

export const markTasksSeenAction = action({ access: "tasks.manage", schema: noInput }, async (_input, { user }) => {
  const n = await markTasksSeen(user);
  return { seen: n };
});
