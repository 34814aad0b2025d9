import { expect, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { cell, openGradebook } from "./support/gradebook";

test("an admin imports marks: sees the bad row, fixes it, commits, and the gradebook shows them", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/imports?kind=marks");
  const bad = "Candidate number,Course code,Assessment,Score,Feedback\nWX-006,WX101,Project,88,Strong project\nWX-007,WX101,Project,120,\n";
  await page.getByLabel("CSV file (up to 100,000 rows)").setInputFiles({ name: "project.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  // Columns are matched by their names.
  await expect(page.getByRole("combobox", { name: /Score or status/ })).toHaveValue("Score");
  await page.getByRole("button", { name: "3. Check the file" }).click();
  await expect(page.getByTestId("import-errors")).toContainText("Above the maximum of 100");
  await expect(page.getByTestId("import-counts")).toContainText("1 with errors");
  await expect(page.getByRole("button", { name: /^Import / })).toHaveCount(0);

  const fixed = bad.replace("120", "64");
  await page.getByLabel("CSV file (up to 100,000 rows)").setInputFiles({ name: "project.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
  await page.getByRole("button", { name: "3. Check the file" }).click();
  await expect(page.getByTestId("import-counts")).toContainText("2 to create");
  await page.getByRole("button", { name: "Import 2 changes" }).click();
  await expect(page.getByTestId("import-done")).toContainText("2 created");
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");

  await openGradebook(page, "WX101");
  await expect(cell(page, "Project", "Wx Import One")).toHaveValue("88");
  await expect(cell(page, "Project", "Wx Import Two")).toHaveValue("64");
});
