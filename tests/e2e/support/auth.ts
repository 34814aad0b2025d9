import { join } from "node:path";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "markbook-demo";
export const DEMO = {
  admin: "admin@markbook.test",
  faculty: "faculty@markbook.test",
  counsellor: "counsellor@markbook.test",
} as const;
export type DemoRole = keyof typeof DEMO;

/**
 * Where the setup project (auth.setup.ts) keeps each role's signed-in browser state: one
 * file per role and per seeded server (E2E_PORT), so two runs side by side never share a
 * session. The folder is gitignored; a run writes it anew.
 */
export function authFile(role: DemoRole): string {
  const port = Number(process.env.E2E_PORT || 3100) + 1;
  return join(process.cwd(), "tests", "e2e", ".auth", `${role}-${port}.json`);
}

/** Through the sign-in form, as a person does. Only specs about signing in (and the setup project) use it. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}

export async function signInAs(page: Page, role: DemoRole): Promise<void> {
  await signIn(page, DEMO[role]);
}
