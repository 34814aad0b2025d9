"use server";

import { action } from "@/lib/action";
import { passwordChangeSchema, profileSchema } from "@/lib/forms/account";
import { updateSession } from "@/lib/auth";
import { changeOwnPassword, updateProfile } from "@/db/queries/users";
import { revalidatePath } from "next/cache";

export const changePasswordAction = action({ access: "account.self", schema: passwordChangeSchema }, async (input, { user }) => {
  const sv = await changeOwnPassword(user, input.currentPassword, input.newPassword);
  // Every other session is now void; keep this one by carrying the new version in its token.
  await updateSession({ sv });
  return null;
});

export const updateProfileAction = action({ access: "account.self", schema: profileSchema }, async (input, { user }) => {
  await updateProfile(user, user.id, input);
  revalidatePath("/", "layout");
  return null;
});
