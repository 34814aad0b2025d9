"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { condonationDecisionSchema, condonationRequestSchema } from "@/lib/forms/condonation";
import { decideCondonation, requestCondonation } from "@/db/queries/condonations";

export const requestCondonationAction = action({ access: "condonations.request", schema: condonationRequestSchema }, async (input, { user }) => {
  const row = await requestCondonation(user, input);
  revalidatePath(`/candidates/${input.candidateId}`);
  revalidatePath("/attendance", "layout");
  return { id: row.id };
});

export const decideCondonationAction = action({ access: "condonations.decide", schema: condonationDecisionSchema }, async (input, { user }) => {
  const row = await decideCondonation(user, input);
  revalidatePath("/attendance", "layout");
  revalidatePath(`/candidates/${row.candidateId}`);
  return { id: row.id, status: row.status };
});
