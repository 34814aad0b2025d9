import { expect, type Page } from "@playwright/test";

/** The gradebook of a course found by code on "My courses". */
export async function openGradebook(page: Page, code: string) {
  await page.goto(`/courses?q=${code}`);
  await page.getByRole("link", { name: code, exact: true }).click();
  await page.getByRole("link", { name: "Gradebook" }).first().click();
  await expect(page.getByTestId("gradebook")).toBeVisible();
}

export function cell(page: Page, assessment: string, candidate: string) {
  return page.getByRole("textbox", { name: `${assessment} for ${candidate},`, exact: false });
}

export function row(page: Page, candidate: string) {
  return page.getByRole("row", { name: new RegExp(candidate) });
}
