"use server";

import { z } from "zod";
import { action } from "@/lib/action";
import { signOut } from "@/lib/auth";
import { globalSearch } from "@/db/queries/search";
import { endSessions } from "@/db/queries/users";

// Public: a visitor whose session has already ended can still clear the cookie.
export const signOutAction = action({ access: "public", schema: z.object({}) }, async (_input, { user }) => {
  if (user) await endSessions(user);
  await signOut({ redirectTo: "/sign-in" });
  return null;
});

export const globalSearchAction = action({ access: "search.use", schema: z.object({ q: z.string().max(100) }) }, async ({ q }, { user }) => {
  return globalSearch(user, q);
});
