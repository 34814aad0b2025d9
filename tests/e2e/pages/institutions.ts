import { expect, type Locator, type Page } from "@playwright/test";

export type InstitutionFields = { name: string; city?: string; state?: string; email?: string; phone?: string };

/** The institutions list and its "New institution" dialog. */
export class InstitutionsPage {
  readonly dialog: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole("dialog");
    this.table = page.getByTestId("institutions-table");
  }

  async goto() {
    await this.page.goto("/institutions");
  }

  /** From the main navigation, as a person gets there. */
  async openFromNav() {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Institutions" }).click();
  }

  async openNewDialog() {
    await this.page.getByRole("button", { name: "New institution" }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** Fills the open dialog with what is given (nothing else is touched). */
  async fill(fields: InstitutionFields) {
    const labels: [keyof InstitutionFields, string][] = [
      ["name", "Name"],
      ["city", "City"],
      ["state", "State"],
      ["email", "Contact email"],
      ["phone", "Contact phone"],
    ];
    for (const [key, label] of labels) if (fields[key] !== undefined) await this.dialog.getByLabel(label).fill(fields[key]!);
  }

  async submit() {
    await this.dialog.getByRole("button", { name: "Create institution" }).click();
  }

  /** The whole journey: open the dialog, fill, create, and the dialog closes. */
  async create(fields: InstitutionFields) {
    await this.openNewDialog();
    await this.fill(fields);
    await this.submit();
    await expect(this.dialog).toBeHidden();
  }

  async search(text: string) {
    await this.page.getByRole("searchbox", { name: /Search/ }).fill(text);
  }

  row(name: string): Locator {
    return this.table.getByRole("row", { name: new RegExp(name) });
  }
}
