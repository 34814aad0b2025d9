import { days, expect, test } from "./fixtures/eligibility";
import { CondonationQueuePage, DetentionListPage } from "./pages/eligibility";

// Must show (issue 14): an admin approves a condonation and the detention list changes. The
// teacher sees the detained count on the course, asks from the candidate's page, and the list
// drops the row once the admin approves; the candidate below the band stays.
test.use({ role: "faculty" });

test("a teacher requests a condonation, an admin approves it, and the candidate leaves the detention list", async ({ page, pageAs, courseWithAttendance }) => {
  const course = await courseWithAttendance([
    ["Condone", days(7, 3)], // 70.0 %: in the band 65–75 %
    ["Below", days(6, 4)], // 60.0 %: below the band
    ["Present", days(10, 0)],
  ]);
  const [condone, below] = course.candidates;

  // The course page says how many may not sit, and links to the list of just this course.
  await page.goto(`/courses/${course.id}`);
  await page.getByTestId("detained-note").filter({ hasText: "2 candidates detained (attendance)" }).click();
  const list = new DetentionListPage(page);
  await list.expectRows([condone.fullName, below.fullName]);
  await expect(list.row(condone.fullName).getByTestId("detention-rate")).toHaveText("70.0%");
  await expect(list.row(condone.fullName).getByTestId("detention-reason")).toHaveText("below 75 %, not condoned");
  await expect(list.row(below.fullName).getByTestId("detention-reason")).toHaveText("below 65 %, the lowest that can be condoned");
  const filtered = page.url();

  // On the candidate's page, the attendance section offers the request for this course.
  await list.row(condone.fullName).getByRole("link", { name: condone.fullName }).click();
  const section = page.getByTestId("attendance-eligibility").getByTestId(`eligibility-${course.id}`);
  await expect(section.getByTestId("eligibility-status")).toHaveText("Detained");
  await section.getByRole("button", { name: `Request condonation for ${course.code}` }).click();
  const ask = page.getByRole("dialog", { name: `Request condonation: ${course.code}` });
  // Without a reason nothing is sent; the error is beside the field.
  await ask.getByRole("button", { name: "Send request" }).click();
  await expect(ask.getByText("Enter the reason")).toBeVisible();
  await ask.getByLabel("Reason").fill("In hospital from 3 to 9 January");
  await ask.getByLabel("Document (optional)").fill("Medical certificate no. 4411, City Hospital");
  await ask.getByRole("button", { name: "Send request" }).click();
  await expect(ask).toBeHidden();
  await expect(page.getByText("Condonation requested; an admin will decide")).toBeVisible();
  await expect(section).toContainText("below 75 %, not condoned (request pending)");
  await expect(page.getByTestId("condonation-history")).toContainText("Medical certificate no. 4411, City Hospital");
  // The teacher cannot decide: the queue shows the request as waiting.
  await page.goto(`/attendance/condonations?q=${encodeURIComponent(condone.fullName)}`);
  await expect(page.getByTestId("condonations-table").getByRole("row").filter({ hasText: condone.fullName })).toContainText("Waiting for an admin");
  await expect(page.getByRole("button", { name: /^Approve the condonation/ })).toHaveCount(0);

  // The admin approves it from the queue.
  const admin = await pageAs("admin");
  const queue = new CondonationQueuePage(admin);
  await queue.open(condone.fullName);
  await expect(admin.getByTestId("condonations-table")).toContainText("In hospital from 3 to 9 January");
  await queue.approve(condone.fullName, course.code, "Certificate checked with the hospital");
  await expect(admin.getByText(`Condonation approved: ${condone.fullName} may sit ${course.code}`)).toBeVisible();
  await expect(admin.getByTestId("condonations-table").getByRole("row").filter({ hasText: condone.fullName })).toHaveCount(0);
  await admin.goto(`/attendance/condonations?state=approved&q=${encodeURIComponent(condone.fullName)}`);
  await expect(admin.getByTestId("condonations-table")).toContainText("Certificate checked with the hospital");

  // The detention list has changed: only the candidate below the band is left.
  await page.goto(filtered);
  await list.expectRows([below.fullName]);
  await expect(list.row(condone.fullName)).toHaveCount(0);
  await page.goto(`/courses/${course.id}`);
  await expect(page.getByTestId("detained-note")).toHaveText("1 candidate detained (attendance)");
  await page.goto(`/candidates/${condone.id}`);
  await expect(page.getByTestId(`eligibility-${course.id}`).getByTestId("eligibility-status")).toHaveText("Condoned");
});
