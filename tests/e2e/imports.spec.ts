import { expect, test } from "./fixtures/test";
import { GradebookPage } from "./pages/gradebook";

test.use({ role: "admin" });

test("an admin imports marks: sees the bad row, fixes it, commits, and the gradebook shows them", async ({ page, ownCourse }) => {
  const course = await ownCourse(["Import One", "Import Two"]);
  const [one, two] = course.candidates;
  await page.goto("/imports?kind=marks");
  const bad = `Candidate number,Course code,Assessment,Score,Feedback\n${one.number},${course.code},Project,88,Strong project\n${two.number},${course.code},Project,120,\n`;
  await page.getByLabel("CSV file (up to 100,000 rows)").setInputFiles({ name: "project.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  // Columns are matched by their names.
  await expect(page.getByRole("combobox", { name: /Score or status/ })).toHaveValue("Score");
  await page.getByRole("button", { name: "3. Check the file" }).click();
  await expect(page.getByTestId("import-errors")).toContainText("Above the maximum of 100");
  await expect(page.getByTestId("import-counts")).toContainText("1 with errors");
  await expect(page.getByRole("button", { name: /^Import / })).toHaveCount(0);

  const fixed = bad.replace(",120,", ",64,");
  await page.getByLabel("CSV file (up to 100,000 rows)").setInputFiles({ name: "project.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
  await page.getByRole("button", { name: "3. Check the file" }).click();
  await expect(page.getByTestId("import-counts")).toContainText("2 to create");
  await page.getByRole("button", { name: "Import 2 changes" }).click();
  await expect(page.getByTestId("import-done")).toContainText("2 created");
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");

  const gb = new GradebookPage(page);
  await gb.open(course.code);
  await expect(gb.cell("Project", one.fullName)).toHaveValue("88");
  await expect(gb.cell("Project", two.fullName)).toHaveValue("64");
});
