"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, idSchema } from "@/lib/action";
import { acknowledgeAlert } from "@/db/queries/alerts";

export const acknowledgeAlertAction = action(
  { access: "alerts.acknowledge", schema: z.object({ id: idSchema, note: z.string().trim().max(1000, { error: "Use at most 1,000 characters" }).transform((v) => v || null) }) },
  async ({ id, note }, { user }) => {
    await acknowledgeAlert(user, id, note);
    revalidatePath("/alerts");
    return { id };
  },
);
