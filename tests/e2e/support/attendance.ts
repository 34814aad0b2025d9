import { expect, type Page } from "@playwright/test";

/** The attendance page of a course found by code on "My courses". */
export async function openAttendance(page: Page, code: string) {
  await page.goto(`/courses?q=${code}`);
  await page.getByRole("link", { name: code, exact: true }).click();
  await page.getByRole("link", { name: "Attendance" }).first().click();
  await expect(page.getByRole("heading", { name: /^Attendance:/ })).toBeVisible();
}

/** One candidate's status buttons on the register. */
export function statusOf(page: Page, candidate: string) {
  return page.getByRole("group", { name: `Attendance of ${candidate}` });
}

/** Marks a candidate's row as a person would: the status, then the note if given. */
export async function setRow(page: Page, candidate: string, status: string, note?: string) {
  await statusOf(page, candidate).locator("label", { hasText: status }).click();
  await expect(statusOf(page, candidate).getByRole("radio", { name: status })).toBeChecked();
  if (note !== undefined) await page.getByLabel(`Note for ${candidate}`).fill(note);
}
