"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { acknowledgeAlertSchema } from "@/lib/forms/alert";
import { acknowledgeAlert } from "@/db/queries/alerts";

export const acknowledgeAlertAction = action({ access: "alerts.acknowledge", schema: acknowledgeAlertSchema }, async ({ id, note }, { user }) => {
  await acknowledgeAlert(user, id, note);
  revalidatePath("/alerts");
  return { id };
});
