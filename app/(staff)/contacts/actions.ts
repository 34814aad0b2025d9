"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, idSchema } from "@/lib/action";
import { contactSchema } from "@/lib/forms/crm";
import { createContact, deleteContact, searchContacts, updateContact } from "@/db/queries/contacts";

export const createContactAction = action({ access: "contacts.manage", schema: contactSchema }, async (input, { user }) => {
  const row = await createContact(user, input);
  revalidatePath("/contacts");
  return { id: row.id };
});

export const updateContactAction = action({ access: "contacts.manage", schema: contactSchema.extend({ id: idSchema }) }, async ({ id, ...input }, { user }) => {
  await updateContact(user, id, input);
  revalidatePath("/contacts");
  return { id };
});

export const deleteContactAction = action({ access: "contacts.manage", schema: z.object({ id: idSchema }) }, async ({ id }, { user }) => {
  await deleteContact(user, id);
  revalidatePath("/contacts");
  return { id };
});

export const searchContactsAction = action({ access: "contacts.read", schema: z.object({ q: z.string().max(100) }) }, async ({ q }, { user }) => {
  return searchContacts(user, q.trim());
});
