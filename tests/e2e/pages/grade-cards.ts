import { expect, type Download, type Locator, type Page } from "@playwright/test";

/** The grade-card screens as a teacher uses them: generate a run, open its cards, download one. */
export class GradeCardsPage {
  readonly progress: Locator;
  readonly files: Locator;

  constructor(readonly page: Page) {
    this.progress = page.getByTestId("grade-card-progress");
    this.files = page.getByTestId("grade-card-files");
  }

  /** From the course page's "Generate grade cards", with that course chosen, to a finished run's list. */
  async generateFromCourse(courseId: number, candidates: number) {
    await this.page.goto(`/courses/${courseId}`);
    await this.page.getByRole("link", { name: "Generate grade cards" }).click();
    await expect(this.page.getByRole("heading", { name: "Grade cards", level: 1 })).toBeVisible();
    await expect(this.page.getByRole("combobox", { name: "Course" })).toHaveValue(String(courseId));
    await this.page.getByRole("button", { name: "Generate grade cards" }).click();
    await expect(this.progress).toContainText(`${candidates} of ${candidates} candidates done`);
    await this.page.getByRole("link", { name: "Open the cards" }).click();
    await expect(this.files).toBeVisible();
  }

  async download(candidateId: number): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.getByTestId(`download-card-${candidateId}`).click()]);
    return download;
  }
}
