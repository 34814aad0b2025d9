import { expect, test } from "./fixtures/test";

test.use({ role: "admin" });

test("an admin creates a course with its own attendance minimum (a bad figure refused beside the field), then deletes it from its page; a course with marks offers no delete", async ({
  page,
}) => {
  const code = `DEL${Date.now().toString().slice(-6)}`;
  await page.goto("/courses");
  await page.getByRole("button", { name: "New course" }).click();
  const d = page.getByRole("dialog");
  await d.getByLabel("Code").fill(code);
  await d.getByLabel("Name").fill("Made by mistake");
  await d.getByLabel("Program").selectOption({ index: 1 });
  await d.getByLabel("Term").selectOption({ index: 1 });
  const minimum = d.getByLabel("Attendance minimum (%)");
  await minimum.fill("120");
  await d.getByRole("button", { name: "Create course" }).click();
  await expect(minimum).toHaveAccessibleDescription(/Between 0 and 100 %/);
  await expect(minimum).toHaveValue("120");
  await minimum.fill("80");
  await d.getByRole("button", { name: "Create course" }).click();
  await expect(d).toBeHidden();

  await page.goto(`/courses?q=${code}`);
  await page.getByRole("link", { name: code, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(code);
  await expect(page.getByTestId("course-attendance-minimum")).toHaveText("attendance minimum 80 % (this course’s own)");
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/courses$/);
  await page.getByRole("searchbox", { name: /Search/ }).fill(code);
  await expect(page).toHaveURL(new RegExp(`q=${code}`));
  await expect(page.getByText("No courses")).toBeVisible();

  // The worked-example course has assessments and enrolments: nothing to delete there.
  await page.goto("/courses?q=WX101");
  await page.getByRole("link", { name: "WX101", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("WX101");
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
});
