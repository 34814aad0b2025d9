import { expect, test } from "./fixtures/test";

test.use({ role: "admin" });

test("an admin makes a UGC scale from its preset, a band error shows beside the band, and a new program grades on the scale", async ({ page }) => {
  const tag = Date.now().toString(36).toUpperCase();
  const name = `UGC ${tag}`;
  await page.goto("/settings");
  const preset = page.getByTestId("preset-scale-form");
  await preset.getByLabel("Preset", { exact: true }).selectOption("ugc-10");
  await expect(preset).toContainText("O 10, A+ 9, A 8, B+ 7, B 6, C 5, P 4, F 0; absent is Ab (0).");
  await preset.getByLabel("Name of the new scale").fill(name);
  await preset.getByRole("button", { name: "Create scale" }).click();
  await expect(page.getByText("Grading scale created")).toBeVisible();

  // The new scale, with the preset's letters and grade points, beside the others.
  const scale = page.getByRole("region", { name: `Scale ${name}` });
  await expect(scale.getByTestId("scale-programs")).toHaveText("No program uses it yet");
  await expect(scale.getByLabel("Letter 1")).toHaveValue("O");
  await expect(scale.getByLabel("Grade points for band 1")).toHaveValue("10");
  await expect(scale.getByLabel("Letter 7")).toHaveValue("P");
  await expect(scale.getByLabel("Minimum percent for band 7")).toHaveValue("40");
  await expect(scale.getByLabel("Grade points for band 7")).toHaveValue("4");
  await expect(page.getByRole("region", { name: /^Scale / })).not.toHaveCount(1);

  // Edited: a letter used twice is refused beside that band, and what was typed stays.
  await scale.getByLabel("Letter 2").fill("O");
  await scale.getByRole("button", { name: "Save" }).click();
  await expect(scale.getByLabel("Letter 2")).toHaveAttribute("aria-invalid", "true");
  await expect(scale.getByLabel("Letter 2")).toHaveAccessibleDescription("The letter O is used twice.");
  await expect(scale.getByLabel("Letter 1")).not.toHaveAttribute("aria-invalid", "true");
  await scale.getByLabel("Letter 2").fill("A+");
  await scale.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Grading scale saved")).toBeVisible();
  await expect(scale.getByLabel("Letter 2")).not.toHaveAttribute("aria-invalid", "true");

  // A program picks it, and both screens say so.
  await page.goto("/academics");
  await page.getByRole("button", { name: "New program" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Code").fill(`UG${tag}`);
  await dialog.getByLabel("Name", { exact: true }).fill(`B.Sc ${tag}`);
  await dialog.getByLabel("Grading scale").selectOption({ label: name });
  await dialog.getByRole("button", { name: "Create program" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page
      .getByTestId("programs-table")
      .getByRole("row")
      .filter({ hasText: `UG${tag}` })
      .getByTestId("program-scale"),
  ).toHaveText(name);
  await page.goto("/settings");
  await expect(scale.getByTestId("scale-programs")).toHaveText(`Used by UG${tag}`);
});
