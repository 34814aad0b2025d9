import { z } from "zod";
import { idSchema } from "./fields";

/** Whose grade cards a run makes: a course's candidates, a program's in a term, or a whole term's. */
export const gradeCardRunScopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("course"), courseId: idSchema }),
  z.object({ kind: z.literal("program_term"), programId: idSchema, termId: idSchema }),
  z.object({ kind: z.literal("term"), termId: idSchema }),
]);

export const gradeCardRunSchema = z.object({ runId: idSchema });

/** One candidate's card for one term (the staff download). */
export const gradeCardQuerySchema = z.object({ candidateId: idSchema, term: idSchema });
