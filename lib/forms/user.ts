import { z } from "zod";
import { ROLES } from "@/lib/constants";
import { idSchema, requiredEmail, requiredText } from "./fields";

// Staff accounts, as an admin manages them.

export const inviteUserSchema = z.object({
  fullName: requiredText("a full name"),
  email: requiredEmail("an email"),
  role: z.enum(ROLES, { error: "Choose a role" }),
});

export const changeRoleSchema = z.object({ userId: idSchema, role: z.enum(ROLES, { error: "Choose a role" }) });

export const setActiveSchema = z.object({ userId: idSchema, active: z.enum(["true", "false"]).transform((v) => v === "true") });

/** One staff account (reset its password, reissue its invitation, delete it). */
export const userIdSchema = z.object({ userId: idSchema });
