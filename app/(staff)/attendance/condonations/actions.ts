"use server";

import { action } from "@/lib/action";
import { condonationDecisionSchema, condonationRequestSchema } from "@/lib/forms/condonation";
import { decideCondonation, requestCondonation } from "@/db/queries/condonations";

// No revalidatePath here: the pages are rendered per request, and the dialog refreshes the
// page itself once it has said what happened. Revalidating in the action's own response
// would remove the row (and with it the dialog) before its confirmation could show.

export const requestCondonationAction = action({ access: "condonations.request", schema: condonationRequestSchema }, async (input, { user }) => {
  const row = await requestCondonation(user, input);
  return { id: row.id };
});

export const decideCondonationAction = action({ access: "condonations.decide", schema: condonationDecisionSchema }, async (input, { user }) => {
  const row = await decideCondonation(user, input);
  return { id: row.id, status: row.status };
});
