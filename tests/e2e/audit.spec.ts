import { join } from "node:path";
import { createClient } from "@libsql/client";
import { expect, test } from "./fixtures/test";

const port = Number(process.env.E2E_PORT || 3100) + 1;
const dbFile = join(process.cwd(), "data", `e2e-seeded-${port}.db`);

test.use({ role: "admin" });

test("an admin filters the audit log by record type and a day and sees that day's changes to that type", async ({ page }) => {
  // This test's own trail, on days nothing else writes to: two institutions changed on
  // 10 June 2024 and on the 11th, and a contact on the 10th. (Local noon: the filters take
  // whole days on the server's clock, which is this machine's.)
  const tag = `Audit ${Date.now()}`;
  const at = (day: number) => new Date(2024, 5, day, 12).getTime();
  const db = createClient({ url: `file:${dbFile}`, timeout: 5000 });
  const insert = "insert into audit_events (actor_id, actor_name, action, entity, entity_id, before, after, at) values (null, 'Markbook', ?, ?, ?, ?, ?, ?)";
  await db.batch([
    {
      sql: insert,
      args: [
        "update",
        "institution",
        "9001",
        JSON.stringify({ name: `${tag} College`, city: "Pune" }),
        JSON.stringify({ name: `${tag} College`, city: "Nashik" }),
        at(10),
      ],
    },
    { sql: insert, args: ["update", "institution", "9002", JSON.stringify({ name: `${tag} School` }), JSON.stringify({ name: `${tag} High School` }), at(11)] },
    { sql: insert, args: ["create", "contact", "9003", null, JSON.stringify({ fullName: `${tag} Contact` }), at(10)] },
  ]);
  db.close();

  await page.goto("/dashboard");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await page.getByRole("combobox", { name: "Record type" }).selectOption("institution");
  await expect(page).toHaveURL(/entity=institution/);
  await page.getByLabel("From", { exact: true }).fill("2024-06-10");
  await expect(page).toHaveURL(/from=2024-06-10/);
  await page.getByLabel("To", { exact: true }).fill("2024-06-10");
  await expect(page).toHaveURL(/to=2024-06-10/);

  const rows = page.getByTestId("audit-table").getByRole("row");
  // The header and the one change to an institution that day: not the 11th's, not the contact.
  await expect(rows).toHaveCount(2);
  const event = rows.nth(1);
  await expect(event).toContainText("10-06-2024 12:00");
  await expect(event).toContainText("institution #9001");
  await event.getByText("1 field changed").click();
  await expect(event.getByTestId("audit-changes")).toContainText(/city\s*Pune\s*Nashik/);

  // The filtered list survives a reload (its state is the URL), and the export takes the same filters.
  await page.reload();
  await expect(rows).toHaveCount(2);
  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  const csv = await (await page.request.get(href!)).text();
  expect(csv).toContain("institution,9001");
  expect(csv).not.toContain("9002");
  expect(csv).not.toContain("9003");
});
