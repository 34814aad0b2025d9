"use server";

import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/action";
import { changeRoleSchema, inviteUserSchema, setActiveSchema, userIdSchema } from "@/lib/forms/user";
import { env } from "@/lib/env";
import { changeRole, deleteUser, getUser, inviteUser, issuePasswordReset, reissueInvitation, setUserActive } from "@/db/queries/users";
import { branding, sendEmail } from "@/lib/email";
import { personalLinkUrl } from "@/lib/email/personal-link";
import { ROLE_LABELS } from "@/lib/constants";
import type { Actor } from "@/lib/actor";

// The emailed link is its own token, minted when the message is delivered (the log keeps the placeholder).
async function emailInvitation(actor: Actor, user: { id: number; fullName: string; email: string; role: keyof typeof ROLE_LABELS }, userTokenId: number) {
  const r = await sendEmail(
    "staff-invitation",
    {
      branding: await branding(),
      name: user.fullName,
      inviterName: actor.fullName,
      roleLabel: ROLE_LABELS[user.role],
      link: personalLinkUrl(env.APP_URL, "invite"),
      expiresDays: 7,
    },
    { to: user.email, userId: user.id, userTokenId, createdBy: actor.id },
  );
  return r.status;
}

async function emailReset(actor: Actor, user: { id: number; fullName: string; email: string }, userTokenId: number) {
  const r = await sendEmail(
    "password-reset",
    { branding: await branding(), name: user.fullName, link: personalLinkUrl(env.APP_URL, "reset-password"), expiresHours: 24 },
    { to: user.email, userId: user.id, userTokenId, createdBy: actor.id },
  );
  return r.status;
}

const link = (kind: "invite" | "reset-password", token: string) => `${env.APP_URL}/${kind}/${token}`;

export const inviteUserAction = action({ access: "users.manage", schema: inviteUserSchema }, async (input, { user }) => {
  const { user: invited, token, emailTokenId } = await inviteUser(user, input);
  const url = link("invite", token);
  // The invitation goes by email; a link of its own is also shown, for when email is not set up yet.
  const emailed = await emailInvitation(user, invited, emailTokenId);
  revalidatePath("/admin/users");
  return { userId: invited.id, email: invited.email, link: url, emailed };
});

export const changeRoleAction = action({ access: "users.manage", schema: changeRoleSchema }, async (input, { user }) => {
  const after = await changeRole(user, input.userId, input.role);
  revalidatePath("/admin/users");
  return { userId: after.id, role: after.role };
});

export const setActiveAction = action({ access: "users.manage", schema: setActiveSchema }, async (input, { user }) => {
  if (!input.active && input.userId === user.id) throw new ActionError("You cannot deactivate your own account.");
  const after = await setUserActive(user, input.userId, input.active);
  revalidatePath("/admin/users");
  return { userId: after.id, active: after.active };
});

export const resetPasswordAction = action({ access: "users.manage", schema: userIdSchema }, async (input, { user }) => {
  const { token, emailTokenId } = await issuePasswordReset(user, input.userId);
  const url = link("reset-password", token);
  const emailed = await emailReset(user, await getUser(user, input.userId), emailTokenId);
  return { link: url, emailed };
});

export const reissueInvitationAction = action({ access: "users.manage", schema: userIdSchema }, async (input, { user }) => {
  const { token, emailTokenId } = await reissueInvitation(user, input.userId);
  const url = link("invite", token);
  const emailed = await emailInvitation(user, await getUser(user, input.userId), emailTokenId);
  return { link: url, emailed };
});

export const deleteUserAction = action({ access: "users.manage", schema: userIdSchema }, async (input, { user }) => {
  await deleteUser(user, input.userId);
  revalidatePath("/admin/users");
  return { userId: input.userId };
});
