"use server";

import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/action";
import { idOnly } from "@/lib/forms/fields";
import { leadSchema, leadStatusSchema, updateLeadSchema } from "@/lib/forms/lead";
import { convertLead, createLead, deleteLead, findDuplicateLeads, markFollowupSeen, setLeadStatus, updateLead } from "@/db/queries/leads";

export const createLeadAction = action({ access: "leads.manage", schema: leadSchema }, async ({ confirmDuplicate, ...input }, { user }) => {
  if (!confirmDuplicate) {
    const dups = await findDuplicateLeads(user, input.email, input.phone);
    if (dups.length) {
      throw new ActionError("This looks like a lead you already have (same email or phone). Open it, or tick “Create anyway”.", "conflict", undefined, {
        duplicates: dups,
      });
    }
  }
  const row = await createLead(user, input);
  revalidatePath("/leads");
  return { id: row.id };
});

export const updateLeadAction = action({ access: "leads.manage", schema: updateLeadSchema }, async ({ id, confirmDuplicate: _c, ...input }, { user }) => {
  await updateLead(user, id, input);
  revalidatePath(`/leads/${id}`);
  return { id };
});

export const setLeadStatusAction = action({ access: "leads.manage", schema: leadStatusSchema }, async ({ id, status }, { user }) => {
  await setLeadStatus(user, id, status);
  revalidatePath("/leads");
  return { id, status };
});

export const deleteLeadAction = action({ access: "leads.manage", schema: idOnly }, async ({ id }, { user }) => {
  await deleteLead(user, id);
  revalidatePath("/leads");
  return { id };
});

export const convertLeadAction = action({ access: "leads.manage", schema: idOnly }, async ({ id }, { user }) => {
  const c = await convertLead(user, id);
  revalidatePath(`/leads/${id}`);
  return { candidateId: c.id };
});

export const markFollowupSeenAction = action({ access: "leads.read", schema: idOnly }, async ({ id }, { user }) => {
  await markFollowupSeen(user, id);
  return { id };
});
