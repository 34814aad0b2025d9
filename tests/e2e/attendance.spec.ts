import { expect, test } from "./fixtures/test";
import { openAttendance, setRow, statusOf } from "./support/attendance";

// Finding 9 of issue 11: two people saving the same freshly loaded register. The second save
// must not silently overwrite the first; each disputed row is settled by the person.
test.use({ role: "faculty" });

test("two people save the same register: the second sees each conflict with both values and chooses per row", async ({ page, pageAs, ownCourse }) => {
  const course = await ownCourse(["Conflict", "Second"]);
  const [conflict, second] = course.candidates.map((c) => c.fullName);
  await openAttendance(page, course.code);
  await page.getByRole("button", { name: "Take attendance" }).click();
  await page.getByLabel("Topic").fill(`Register conflict ${Date.now()}`);
  await page.getByRole("button", { name: "Open register" }).click();
  await expect(page.getByRole("heading", { name: /^Register for/ })).toBeVisible();
  const register = page.url();

  // Someone else (the admin) opens the same register and saves it first.
  const admin = await pageAs("admin");
  await admin.goto(register);
  await setRow(admin, conflict, "Excused", "Letter from home");
  await admin.getByRole("button", { name: "Save register" }).click();
  await expect(admin.getByTestId("register-status")).toContainText("Register saved");
  await admin.context().close();

  // The faculty member's page still shows the register as it loaded.
  await setRow(page, conflict, "Late", "Arrived at 10:20");
  await setRow(page, second, "Late");
  await page.getByRole("button", { name: "Save register" }).click();
  await expect(page.getByTestId("register-status")).toContainText("2 rows were changed by someone else");
  const conflicts = page.getByTestId("register-conflict");
  await expect(conflicts).toHaveCount(2);
  const onConflict = conflicts.filter({ hasText: conflict });
  await expect(onConflict.getByTestId("conflict-theirs")).toHaveText("Excused — “Letter from home”");
  await expect(onConflict.getByTestId("conflict-yours")).toHaveText("Late — “Arrived at 10:20”");
  await expect(conflicts.filter({ hasText: second }).getByTestId("conflict-theirs")).toHaveText("Present");
  // What was typed is still on the form until a choice is made.
  await expect(statusOf(page, conflict).getByRole("radio", { name: "Late" })).toBeChecked();
  await expect(page.getByLabel(`Note for ${conflict}`)).toHaveValue("Arrived at 10:20");

  await page.getByRole("button", { name: `Keep theirs for ${conflict}` }).click();
  await expect(statusOf(page, conflict).getByRole("radio", { name: "Excused" })).toBeChecked();
  await expect(page.getByLabel(`Note for ${conflict}`)).toHaveValue("Letter from home");
  await page.getByRole("button", { name: `Overwrite with mine for ${second}` }).click();
  await expect(page.getByTestId("register-status")).toHaveText(`${second}: saved yours.`);
  await expect(conflicts).toHaveCount(0);

  // Saved for real: the admin's absence note survived, the faculty member's own change went in.
  await page.reload();
  await expect(statusOf(page, conflict).getByRole("radio", { name: "Excused" })).toBeChecked();
  await expect(page.getByLabel(`Note for ${conflict}`)).toHaveValue("Letter from home");
  await expect(statusOf(page, second).getByRole("radio", { name: "Late" })).toBeChecked();
});
