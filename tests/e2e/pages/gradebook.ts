import { expect, type Locator, type Page } from "@playwright/test";

/** A course's gradebook, as a teacher works in it: cells by assessment and candidate, each row's result. */
export class GradebookPage {
  readonly grid: Locator;
  readonly announcer: Locator;
  /** The tick each saved cell shows. */
  readonly saved: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByTestId("gradebook");
    this.announcer = page.getByTestId("gradebook-announcer");
    this.saved = page.getByLabel("Saved");
  }

  /** Found by code on "My courses", then the course's Gradebook link, as a person gets there. */
  async open(code: string) {
    await this.page.goto(`/courses?q=${code}`);
    await this.page.getByRole("link", { name: code, exact: true }).click();
    await this.page.getByRole("link", { name: "Gradebook" }).first().click();
    await expect(this.grid).toBeVisible();
  }

  cell(assessment: string, candidate: string): Locator {
    return this.page.getByRole("textbox", { name: `${assessment} for ${candidate},`, exact: false });
  }

  row(candidate: string): Locator {
    return this.page.getByRole("row", { name: new RegExp(candidate) });
  }

  percent(candidate: string): Locator {
    return this.row(candidate).getByTestId(/row-percent/);
  }

  grade(candidate: string): Locator {
    return this.row(candidate).getByTestId(/row-grade/);
  }

  /** Clicks a cell and types one value per cell, Tab between them; `then` ends the last one. */
  async typeAcross(assessment: string, candidate: string, values: string[], then: "Enter" | "Tab" | null = "Enter") {
    await this.cell(assessment, candidate).click();
    for (const [i, v] of values.entries()) {
      if (i > 0) await this.page.keyboard.press("Tab");
      await this.page.keyboard.type(v);
    }
    if (then) await this.page.keyboard.press(then);
  }
}
