"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ROLES } from "@/lib/constants";
import { action, ActionError, idSchema, requiredText } from "@/lib/action";
import { env } from "@/lib/env";
import { changeRole, deleteUser, getUser, inviteUser, issuePasswordReset, reissueInvitation, setUserActive } from "@/db/queries/users";
import { branding, sendEmail } from "@/lib/email";
import { ROLE_LABELS } from "@/lib/constants";
import type { Actor } from "@/db/queries/actor";

async function emailInvitation(actor: Actor, user: { id: number; fullName: string; email: string; role: keyof typeof ROLE_LABELS }, link: string) {
  const r = await sendEmail("staff-invitation", { branding: await branding(), name: user.fullName, inviterName: actor.fullName, roleLabel: ROLE_LABELS[user.role], link, expiresDays: 7 }, { to: user.email, userId: user.id, createdBy: actor.id });
  return r.status;
}

async function emailReset(actor: Actor, user: { id: number; fullName: string; email: string }, link: string) {
  const r = await sendEmail("password-reset", { branding: await branding(), name: user.fullName, link, expiresHours: 24 }, { to: user.email, userId: user.id, createdBy: actor.id });
  return r.status;
}

const link = (kind: "invite" | "reset-password", token: string) => `${env.APP_URL}/${kind}/${token}`;

const inviteSchema = z.object({
  fullName: requiredText("a full name"),
  email: z.string({ error: "Enter an email" }).trim().min(1, { error: "Enter an email" }).pipe(z.email({ error: "Enter a valid email address" })),
  role: z.enum(ROLES, { error: "Choose a role" }),
});

export const inviteUserAction = action({ access: "users.manage", schema: inviteSchema }, async (input, { user }) => {
  const { user: invited, token } = await inviteUser(user, input);
  const url = link("invite", token);
  // The invitation goes by email; the link is also shown, for when email is not set up yet.
  const emailed = await emailInvitation(user, invited, url);
  revalidatePath("/admin/users");
  return { userId: invited.id, email: invited.email, link: url, emailed };
});

export const changeRoleAction = action(
  { access: "users.manage", schema: z.object({ userId: idSchema, role: z.enum(ROLES, { error: "Choose a role" }) }) },
  async (input, { user }) => {
    const after = await changeRole(user, input.userId, input.role);
    revalidatePath("/admin/users");
    return { userId: after.id, role: after.role };
  },
);

export const setActiveAction = action(
  { access: "users.manage", schema: z.object({ userId: idSchema, active: z.enum(["true", "false"]).transform((v) => v === "true") }) },
  async (input, { user }) => {
    if (!input.active && input.userId === user.id) throw new ActionError("You cannot deactivate your own account.");
    const after = await setUserActive(user, input.userId, input.active);
    revalidatePath("/admin/users");
    return { userId: after.id, active: after.active };
  },
);

export const resetPasswordAction = action({ access: "users.manage", schema: z.object({ userId: idSchema }) }, async (input, { user }) => {
  const token = await issuePasswordReset(user, input.userId);
  const url = link("reset-password", token);
  const emailed = await emailReset(user, await getUser(user, input.userId), url);
  return { link: url, emailed };
});

export const reissueInvitationAction = action({ access: "users.manage", schema: z.object({ userId: idSchema }) }, async (input, { user }) => {
  const token = await reissueInvitation(user, input.userId);
  const url = link("invite", token);
  const emailed = await emailInvitation(user, await getUser(user, input.userId), url);
  return { link: url, emailed };
});

export const deleteUserAction = action({ access: "users.manage", schema: z.object({ userId: idSchema }) }, async (input, { user }) => {
  await deleteUser(user, input.userId);
  revalidatePath("/admin/users");
  return { userId: input.userId };
});
