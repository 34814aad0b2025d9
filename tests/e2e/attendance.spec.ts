import { expect, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { openAttendance, setRow, statusOf } from "./support/attendance";

// Finding 9 of issue 11: two people saving the same freshly loaded register. The second save
// must not silently overwrite the first; each disputed row is settled by the person.

test("two people save the same register: the second sees each conflict with both values and chooses per row", async ({ page, browser }) => {
  await signInAs(page, "faculty");
  await openAttendance(page, "WX101");
  await page.getByRole("button", { name: "Take attendance" }).click();
  await page.getByLabel("Topic").fill(`Register conflict ${Date.now()}`);
  await page.getByRole("button", { name: "Open register" }).click();
  await expect(page.getByRole("heading", { name: /^Register for/ })).toBeVisible();
  const register = page.url();

  // Someone else (the admin) opens the same register and saves it first.
  const other = await browser.newContext();
  const admin = await other.newPage();
  await signInAs(admin, "admin");
  await admin.goto(register);
  await setRow(admin, "Wx Conflict", "Excused", "Letter from home");
  await admin.getByRole("button", { name: "Save register" }).click();
  await expect(admin.getByTestId("register-status")).toContainText("Register saved");
  await other.close();

  // The faculty member's page still shows the register as it loaded.
  await setRow(page, "Wx Conflict", "Late", "Arrived at 10:20");
  await setRow(page, "Wx Paste C", "Late");
  await page.getByRole("button", { name: "Save register" }).click();
  await expect(page.getByTestId("register-status")).toContainText("2 rows were changed by someone else");
  const conflicts = page.getByTestId("register-conflict");
  await expect(conflicts).toHaveCount(2);
  const onConflict = conflicts.filter({ hasText: "Wx Conflict" });
  await expect(onConflict.getByTestId("conflict-theirs")).toHaveText("Excused — “Letter from home”");
  await expect(onConflict.getByTestId("conflict-yours")).toHaveText("Late — “Arrived at 10:20”");
  await expect(conflicts.filter({ hasText: "Wx Paste C" }).getByTestId("conflict-theirs")).toHaveText("Present");
  // What was typed is still on the form until a choice is made.
  await expect(statusOf(page, "Wx Conflict").getByRole("radio", { name: "Late" })).toBeChecked();
  await expect(page.getByLabel("Note for Wx Conflict")).toHaveValue("Arrived at 10:20");

  await page.getByRole("button", { name: "Keep theirs for Wx Conflict" }).click();
  await expect(statusOf(page, "Wx Conflict").getByRole("radio", { name: "Excused" })).toBeChecked();
  await expect(page.getByLabel("Note for Wx Conflict")).toHaveValue("Letter from home");
  await page.getByRole("button", { name: "Overwrite with mine for Wx Paste C" }).click();
  await expect(page.getByTestId("register-status")).toHaveText("Wx Paste C: saved yours.");
  await expect(conflicts).toHaveCount(0);

  // Saved for real: the admin's absence note survived, the faculty member's own change went in.
  await page.reload();
  await expect(statusOf(page, "Wx Conflict").getByRole("radio", { name: "Excused" })).toBeChecked();
  await expect(page.getByLabel("Note for Wx Conflict")).toHaveValue("Letter from home");
  await expect(statusOf(page, "Wx Paste C").getByRole("radio", { name: "Late" })).toBeChecked();
});
