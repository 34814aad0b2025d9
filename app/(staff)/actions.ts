"use server";

import { action } from "@/lib/action";
import { noInput } from "@/lib/forms/fields";
import { searchSchema } from "@/lib/forms/search";
import { signOut } from "@/lib/auth";
import { globalSearch } from "@/db/queries/search";
import { endSessions } from "@/db/queries/users";

// Public: a visitor whose session has already ended can still clear the cookie.
export const signOutAction = action({ access: "public", schema: noInput }, async (_input, { user }) => {
  if (user) await endSessions(user);
  await signOut({ redirectTo: "/sign-in" });
  return null;
});

export const globalSearchAction = action({ access: "search.use", schema: searchSchema }, async ({ q }, { user }) => {
  return globalSearch(user, q);
});
