"use server";

import { redirect } from "next/navigation";
import { action } from "@/lib/action";
import { setupSchema } from "@/lib/forms/auth";
import { createFirstAdmin } from "@/db/queries/users";
import { signIn } from "@/lib/auth";

export const setupAction = action({ access: "public", schema: setupSchema }, async (input) => {
  const user = await createFirstAdmin(input);
  await signIn("credentials", { email: user.email, password: input.password, redirectTo: "/dashboard" });
  redirect("/dashboard");
});
