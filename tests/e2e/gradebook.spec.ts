import { expect, test } from "./fixtures/test";
import { GradebookPage } from "./pages/gradebook";

// Each test works in a course of its own (the ownCourse fixture), so none can see another's marks.
test.use({ role: "faculty" });

test("a faculty member types the worked example with the keyboard and sees 72.8 and B", async ({ page, ownCourse }) => {
  const course = await ownCourse(["Keyboard"]);
  const who = course.candidates[0].fullName;
  const gb = new GradebookPage(page);
  await gb.open(course.code);
  await gb.typeAcross("Quiz", who, ["15", "36", "EX"], null);
  // The row's result follows the typing, before any save has come back.
  await expect(gb.percent(who)).toHaveText("72.8%");
  await page.keyboard.press("Enter");
  await expect(gb.grade(who)).toHaveText("B");
  await expect(gb.saved).toHaveCount(3);
  // Saved for real: a reload shows the same.
  await page.reload();
  await expect(gb.cell("Midterm", who)).toHaveValue("36");
  await expect(gb.cell("Project", who)).toHaveValue("EX");
  await expect(gb.percent(who)).toHaveText("72.8%");
  await expect(gb.grade(who)).toHaveText("B");
  // And the candidate page explains it, with the same figures.
  await page.goto(`/candidates?q=${encodeURIComponent(who)}`);
  await page.getByRole("link", { name: who }).click();
  const result = page.getByTestId(/course-result-/).filter({ hasText: course.code });
  await expect(result.getByTestId("course-percent")).toHaveText("72.8%");
  await expect(result.getByTestId("course-grade")).toHaveText("B");
  await result.locator("summary").click();
  await expect(result.getByTestId("breakdown")).toContainText("Excused — not counted");
});

test("a score above the maximum is refused on its cell and keeps what was typed", async ({ page, ownCourse }) => {
  const course = await ownCourse(["Too High"]);
  const who = course.candidates[0].fullName;
  const gb = new GradebookPage(page);
  await gb.open(course.code);
  const c = gb.cell("Quiz", who);
  await gb.typeAcross("Quiz", who, ["25"]);
  await expect(c).toHaveAttribute("aria-invalid", "true");
  await expect(c).toHaveValue("25");
  await c.click();
  await expect(page.getByTestId("cell-status")).toHaveText("Not saved: Above the maximum of 20");
});

test("pasting a column copied from a spreadsheet fills and saves each cell", async ({ page, context, ownCourse }) => {
  const course = await ownCourse(["Paste A", "Paste B", "Paste C"]);
  const [a, b, c] = course.candidates.map((x) => x.fullName);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const gb = new GradebookPage(page);
  await gb.open(course.code);
  await gb.cell("Midterm", a).click();
  await page.evaluate(async () => {
    const el = document.activeElement as HTMLElement;
    const data = new DataTransfer();
    data.setData("text/plain", "40\n25\nAB\n");
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(gb.cell("Midterm", a)).toHaveValue("40");
  await expect(gb.cell("Midterm", b)).toHaveValue("25");
  await expect(gb.cell("Midterm", c)).toHaveValue("AB");
  await expect(gb.percent(b)).toHaveText("50.0%");
  await expect(gb.percent(c)).toHaveText("0.0%");
  // Each pasted cell says it is saved before the page is reloaded.
  for (const who of [a, b, c]) await expect(gb.row(who).getByLabel("Saved")).toBeVisible();
  await page.reload();
  await expect(gb.cell("Midterm", b)).toHaveValue("25");
});

test("a cell changed in another session is reported as a conflict with both values", async ({ page, pageAs, ownCourse }) => {
  const course = await ownCourse(["Conflict"]);
  const who = course.candidates[0].fullName;
  const gb = new GradebookPage(page);
  await gb.open(course.code);
  // Another person (the admin) changes the same cell after this page loaded.
  const theirs = new GradebookPage(await pageAs("admin"));
  await theirs.open(course.code);
  await theirs.typeAcross("Quiz", who, ["12"]);
  await expect(theirs.saved).toHaveCount(1);
  await theirs.page.context().close();

  await gb.typeAcross("Quiz", who, ["18"]);
  await gb.cell("Quiz", who).click();
  await expect(page.getByTestId("conflict")).toBeVisible();
  await expect(page.getByTestId("conflict-theirs")).toHaveText("12");
  await expect(page.getByTestId("conflict-yours")).toHaveText("18");
  // Nothing was overwritten until a choice is made.
  await page.getByRole("button", { name: "Keep theirs" }).click();
  await expect(gb.cell("Quiz", who)).toHaveValue("12");
});

test("Tab and Enter move focus at once, so keys typed straight after land in the next cell", async ({ page, ownCourse }) => {
  const course = await ownCourse(["Focus A", "Focus B"]);
  const gb = new GradebookPage(page);
  await gb.open(course.code);
  await gb.cell("Quiz", course.candidates[0].fullName).click();
  // The key and the check run in one task of the page: no frame passes in between, as when
  // someone types ahead of the screen.
  const moved = await page.evaluate(() => {
    const press = (key: string) => document.activeElement?.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
    const at = () => document.activeElement?.getAttribute("data-cell");
    const start = at();
    press("Tab");
    const afterTab = at();
    press("Enter");
    return { start, afterTab, afterEnter: at() };
  });
  const [r, c] = moved.start!.split(":").map(Number);
  expect(moved.afterTab).toBe(`${r}:${c + 1}`);
  expect(moved.afterEnter).toBe(`${r + 1}:${c + 1}`);
});
