import { z } from "zod";
import { TASK_STATUSES } from "@/lib/constants";
import { idSchema, nullableText, optionalDateTime, optionalId, requiredText } from "./fields";

export const taskSchema = z.object({
  title: requiredText("a title"),
  description: nullableText(5000),
  dueAt: optionalDateTime("a due date and time"),
  ownerId: optionalId,
  status: z.enum(TASK_STATUSES).default("open"),
  leadId: optionalId,
  candidateId: optionalId,
});

export const updateTaskSchema = taskSchema.extend({ id: idSchema });

export const taskStatusSchema = z.object({ id: idSchema, status: z.enum(TASK_STATUSES) });
