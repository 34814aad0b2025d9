import { expect, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { cell, openGradebook, row } from "./support/gradebook";

test("a faculty member types the worked example with the keyboard and sees 72.8 and B", async ({ page }) => {
  await signInAs(page, "faculty");
  await openGradebook(page, "WX101");
  await cell(page, "Quiz", "Wx Keyboard").click();
  await page.keyboard.type("15");
  await page.keyboard.press("Tab");
  await page.keyboard.type("36");
  await page.keyboard.press("Tab");
  await page.keyboard.type("EX");
  // The row's result follows the typing, before any save has come back.
  await expect(row(page, "Wx Keyboard").getByTestId(/row-percent/)).toHaveText("72.8%");
  await page.keyboard.press("Enter");
  await expect(row(page, "Wx Keyboard").getByTestId(/row-grade/)).toHaveText("B");
  await expect(page.getByLabel("Saved")).toHaveCount(3);
  // Saved for real: a reload shows the same.
  await page.reload();
  await expect(cell(page, "Midterm", "Wx Keyboard")).toHaveValue("36");
  await expect(cell(page, "Project", "Wx Keyboard")).toHaveValue("EX");
  await expect(row(page, "Wx Keyboard").getByTestId(/row-percent/)).toHaveText("72.8%");
  await expect(row(page, "Wx Keyboard").getByTestId(/row-grade/)).toHaveText("B");
  // And the candidate page explains it, with the same figures.
  await page.goto("/candidates?q=Wx%20Keyboard");
  await page.getByRole("link", { name: "Wx Keyboard" }).click();
  const result = page.getByTestId(/course-result-/).filter({ hasText: "WX101" });
  await expect(result.getByTestId("course-percent")).toHaveText("72.8%");
  await expect(result.getByTestId("course-grade")).toHaveText("B");
  await result.locator("summary").click();
  await expect(result.getByTestId("breakdown")).toContainText("Excused — not counted");
});

test("a score above the maximum is refused on its cell and keeps what was typed", async ({ page }) => {
  await signInAs(page, "faculty");
  await openGradebook(page, "WX101");
  const c = cell(page, "Quiz", "Wx Paste C");
  await c.click();
  await page.keyboard.type("25");
  await page.keyboard.press("Enter");
  await expect(c).toHaveAttribute("aria-invalid", "true");
  await expect(c).toHaveValue("25");
  await c.click();
  await expect(page.getByTestId("cell-status")).toHaveText("Not saved: Above the maximum of 20");
});

test("pasting a column copied from a spreadsheet fills and saves each cell", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInAs(page, "faculty");
  await openGradebook(page, "WX101");
  await cell(page, "Midterm", "Wx Paste A").click();
  await page.evaluate(async () => {
    const el = document.activeElement as HTMLElement;
    const data = new DataTransfer();
    data.setData("text/plain", "40\n25\nAB\n");
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(cell(page, "Midterm", "Wx Paste A")).toHaveValue("40");
  await expect(cell(page, "Midterm", "Wx Paste B")).toHaveValue("25");
  await expect(cell(page, "Midterm", "Wx Paste C")).toHaveValue("AB");
  await expect(row(page, "Wx Paste B").getByTestId(/row-percent/)).toHaveText("50.0%");
  await expect(row(page, "Wx Paste C").getByTestId(/row-percent/)).toHaveText("0.0%");
  // Each pasted cell says it is saved before the page is reloaded.
  for (const who of ["Wx Paste A", "Wx Paste B", "Wx Paste C"]) await expect(row(page, who).getByLabel("Saved")).toBeVisible();
  await page.reload();
  await expect(cell(page, "Midterm", "Wx Paste B")).toHaveValue("25");
});

test("a cell changed in another session is reported as a conflict with both values", async ({ page, browser }) => {
  await signInAs(page, "faculty");
  await openGradebook(page, "WX101");
  // Another person (the admin) changes the same cell after this page loaded.
  const other = await browser.newContext();
  const admin = await other.newPage();
  await signInAs(admin, "admin");
  await openGradebook(admin, "WX101");
  await cell(admin, "Quiz", "Wx Conflict").click();
  await admin.keyboard.type("12");
  await admin.keyboard.press("Enter");
  await expect(admin.getByLabel("Saved")).toHaveCount(1);
  await other.close();

  await cell(page, "Quiz", "Wx Conflict").click();
  await page.keyboard.type("18");
  await page.keyboard.press("Enter");
  await cell(page, "Quiz", "Wx Conflict").click();
  await expect(page.getByTestId("conflict")).toBeVisible();
  await expect(page.getByTestId("conflict-theirs")).toHaveText("12");
  await expect(page.getByTestId("conflict-yours")).toHaveText("18");
  // Nothing was overwritten until a choice is made.
  await page.getByRole("button", { name: "Keep theirs" }).click();
  await expect(cell(page, "Quiz", "Wx Conflict")).toHaveValue("12");
});

test("Tab and Enter move focus at once, so keys typed straight after land in the next cell", async ({ page }) => {
  await signInAs(page, "faculty");
  await openGradebook(page, "WX101");
  await cell(page, "Quiz", "Wx Import One").click();
  // The key and the check run in one task of the page: no frame passes in between, as when
  // someone types ahead of the screen.
  const moved = await page.evaluate(() => {
    const press = (key: string) => document.activeElement?.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
    const at = () => document.activeElement?.getAttribute("data-cell");
    const start = at();
    press("Tab");
    const afterTab = at();
    press("Enter");
    return { start, afterTab, afterEnter: at() };
  });
  const [r, c] = moved.start!.split(":").map(Number);
  expect(moved.afterTab).toBe(`${r}:${c + 1}`);
  expect(moved.afterEnter).toBe(`${r + 1}:${c + 1}`);
});
