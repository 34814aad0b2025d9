import { z } from "zod";
import { idSchema, nullableText, requiredId, requiredText } from "./fields";

/** A request to condone a candidate's attendance shortfall in one course. */
export const condonationRequestSchema = z.object({
  candidateId: idSchema,
  courseId: requiredId("Choose the course"),
  reason: requiredText("the reason", 1000),
  documentNote: nullableText(300),
});

/** An admin's decision on a request; refusing says why. */
export const condonationDecisionSchema = z
  .object({
    id: idSchema,
    decision: z.enum(["approved", "refused"], { error: "Choose approve or refuse" }),
    note: nullableText(1000),
  })
  .refine((d) => d.decision === "approved" || !!d.note, { path: ["note"], error: "Say why the request is refused" });
