import { readFileSync } from "node:fs";
import { extractText, getDocumentProxy } from "unpdf";
import { expect, test } from "./fixtures/test";
import { GradebookPage } from "./pages/gradebook";
import { GradeCardsPage } from "./pages/grade-cards";

test.use({ role: "faculty" });

async function pdfText(file: string): Promise<{ head: string; text: string }> {
  const bytes = readFileSync(file);
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return { head: bytes.subarray(0, 5).toString("latin1"), text: text as string };
}

test("a faculty member writes a candidate's remarks, generates the grade cards for a course and downloads one: a PDF naming the candidate with the SGPA the candidate page shows and the remarks", async ({
  page,
  ownCourse,
}) => {
  const course = await ownCourse(["Card Ira", "Card Jai"]);
  const [ira] = course.candidates;

  // Marks for Ira, entered as a teacher enters them.
  const gb = new GradebookPage(page);
  await gb.open(course.code);
  await gb.typeAcross("Quiz", ira.fullName, ["15", "36", "80"]);
  await expect(gb.saved).toHaveCount(3);

  // What the candidate page says: the term's SGPA.
  await page.goto(`/candidates/${ira.id}`);
  const shown = (await page.getByTestId("sgpa").first().textContent()) ?? "";
  const sgpa = shown.replace(/\s*SGPA$/, "").trim();
  expect(sgpa).toMatch(/^\d+\.\d{2}$/);

  // The class teacher writes the card's remarks for the term.
  const remarks = page.getByLabel(/^Remarks on the grade card/);
  await remarks.fill("Careful, steady work. Revise unit 4 before the end-semester exam.");
  await page.getByRole("button", { name: "Save remarks" }).click();
  await expect(page.getByText(/^Last saved by /)).toBeVisible();

  // The course page's button leads to the generator, with the course chosen; the run makes both cards.
  const cards = new GradeCardsPage(page);
  await cards.generateFromCourse(course.id, 2);
  await expect(cards.files.getByRole("row")).toHaveCount(3);
  await expect(page.getByTestId("pagination-summary")).toHaveText("Showing 1–2 of 2");
  const download = await cards.download(ira.id);
  expect(download.suggestedFilename()).toMatch(/^grade-card-.+\.pdf$/);
  const { head, text } = await pdfText(await download.path());
  expect(head).toBe("%PDF-");
  expect(text).toContain(ira.fullName);
  expect(text).toContain(ira.number);
  expect(text).toContain(`SGPA\n${sgpa}`);
  expect(text.replace(/\s+/g, " ")).toContain("Careful, steady work. Revise unit 4 before the end-semester exam.");
});
