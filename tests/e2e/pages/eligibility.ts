import { expect, type Locator, type Page } from "@playwright/test";

/** The detention list, as staff read it: rows by candidate, the count above the table. */
export class DetentionListPage {
  readonly table: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId("detention-table");
    this.count = page.getByTestId("detention-count");
  }

  row(candidate: string): Locator {
    return this.table.getByRole("row").filter({ hasText: candidate });
  }

  async expectRows(candidates: string[]) {
    await expect(this.count).toHaveText(`${candidates.length} ${candidates.length === 1 ? "candidate × course" : "candidates × courses"} detained`);
    for (const c of candidates) await expect(this.row(c)).toHaveCount(1);
  }
}

/** The condonation queue: a waiting request's approve and refuse dialogs. */
export class CondonationQueuePage {
  constructor(readonly page: Page) {}

  async open(search: string) {
    await this.page.goto(`/attendance/condonations?q=${encodeURIComponent(search)}`);
    await expect(this.page.getByRole("heading", { name: "Condonation requests" })).toBeVisible();
  }

  async approve(candidate: string, courseCode: string, note: string) {
    await this.page.getByRole("button", { name: `Approve the condonation for ${candidate} in ${courseCode}` }).click();
    const dialog = this.page.getByRole("dialog", { name: `Approve the condonation for ${candidate} in ${courseCode}?` });
    await dialog.getByLabel("Decision note (optional)").fill(note);
    await dialog.getByRole("button", { name: "Approve condonation" }).click();
    await expect(dialog).toBeHidden();
  }
}
