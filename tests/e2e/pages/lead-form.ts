import { expect, type Page } from "@playwright/test";

export type LeadFields = {
  studentName: string;
  email: string;
  phone: string;
  program: string;
  source: string;
  /** yyyy-mm-dd */
  followUp?: string;
  /** Typed into the contact picker; the first option matching `contact.pick` is chosen. */
  contact?: { type: string; pick: RegExp };
};

/** The new-lead form (/leads/new). */
export class LeadForm {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/leads/new");
  }

  async fill(lead: LeadFields) {
    const { page } = this;
    await page.getByLabel("Student name").fill(lead.studentName);
    await page.getByLabel("Email").fill(lead.email);
    await page.getByLabel("Phone").fill(lead.phone);
    await page.getByLabel("Program interested in").fill(lead.program);
    await page.getByLabel("Source").fill(lead.source);
    if (lead.followUp) await page.getByLabel("Follow-up date (optional)").fill(lead.followUp);
    if (lead.contact) {
      await page.getByRole("combobox", { name: "Contact person (optional)" }).fill(lead.contact.type);
      await page.getByRole("option", { name: lead.contact.pick }).first().click();
    }
  }

  /** Saves, and the new lead's page opens with its name as the heading. */
  async save(studentName: string) {
    await this.page.getByRole("button", { name: "Save lead" }).click();
    await expect(this.page.getByRole("heading", { name: studentName })).toBeVisible();
  }

  /** The whole journey: the form, filled, saved. */
  async create(lead: LeadFields) {
    await this.goto();
    await this.fill(lead);
    await this.save(lead.studentName);
  }
}
