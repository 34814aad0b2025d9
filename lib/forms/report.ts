import { z } from "zod";
import { idSchema } from "./fields";

/** Whom a report run is for: one candidate, a course, a program in a term, or a whole term. */
export const reportScopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("candidate"), candidateId: idSchema }),
  z.object({ kind: z.literal("course"), courseId: idSchema }),
  z.object({ kind: z.literal("program_term"), programId: idSchema, termId: idSchema }),
  z.object({ kind: z.literal("term"), termId: idSchema }),
]);

export const reportRunSchema = z.object({ runId: idSchema });
