"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, idSchema } from "@/lib/action";
import { retryEmail } from "@/db/queries/emails";

export const retryEmailAction = action({ access: "email.outbox", schema: z.object({ id: idSchema }) }, async ({ id }, { user }) => {
  const status = await retryEmail(user, id);
  revalidatePath("/admin/outbox");
  return { status };
});
