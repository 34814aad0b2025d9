"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { contactSchema, updateContactSchema } from "@/lib/forms/contact";
import { idOnly } from "@/lib/forms/fields";
import { searchSchema } from "@/lib/forms/search";
import { createContact, deleteContact, searchContacts, updateContact } from "@/db/queries/contacts";

export const createContactAction = action({ access: "contacts.manage", schema: contactSchema }, async (input, { user }) => {
  const row = await createContact(user, input);
  revalidatePath("/contacts");
  return { id: row.id };
});

export const updateContactAction = action({ access: "contacts.manage", schema: updateContactSchema }, async ({ id, ...input }, { user }) => {
  await updateContact(user, id, input);
  revalidatePath("/contacts");
  return { id };
});

export const deleteContactAction = action({ access: "contacts.manage", schema: idOnly }, async ({ id }, { user }) => {
  await deleteContact(user, id);
  revalidatePath("/contacts");
  return { id };
});

export const searchContactsAction = action({ access: "contacts.read", schema: searchSchema }, async ({ q }, { user }) => {
  return searchContacts(user, q.trim());
});
