"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { idOnly } from "@/lib/forms/fields";
import { retryEmail } from "@/db/queries/emails";

export const retryEmailAction = action({ access: "email.outbox", schema: idOnly }, async ({ id }, { user }) => {
  const status = await retryEmail(user, id);
  revalidatePath("/admin/outbox");
  return { status };
});
