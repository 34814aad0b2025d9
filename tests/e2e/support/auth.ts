import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "markbook-demo";
export const DEMO = {
  admin: "admin@markbook.test",
  faculty: "faculty@markbook.test",
  counsellor: "counsellor@markbook.test",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}

export async function signInAs(page: Page, role: keyof typeof DEMO): Promise<void> {
  await signIn(page, DEMO[role]);
}
