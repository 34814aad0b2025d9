"use server";

import { z } from "zod";
import { action } from "@/lib/action";
import { signOut } from "@/lib/auth";

export const signOutAction = action({ access: "public", schema: z.object({}) }, async () => {
  await signOut({ redirectTo: "/sign-in" });
  return null;
});
