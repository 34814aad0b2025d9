"use server";

import { z } from "zod";
import { action } from "@/lib/action";
import { signOut } from "@/lib/auth";
import { globalSearch } from "@/db/queries/search";

export const signOutAction = action({ access: "public", schema: z.object({}) }, async () => {
  await signOut({ redirectTo: "/sign-in" });
  return null;
});

export const globalSearchAction = action({ access: "search.use", schema: z.object({ q: z.string().max(100) }) }, async ({ q }, { user }) => {
  return globalSearch(user, q);
});
