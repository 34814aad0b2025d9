import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium-headless-shell", args: ["--no-sandbox"] });
const ctx = await browser.newContext({ baseURL: "http://localhost:3801" });
const page = await ctx.newPage();
await page.goto("/sign-in");
await page.getByLabel("Email").fill(process.argv[2] + "@markbook.test");
await page.getByLabel("Password").fill("markbook-demo");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL(/dashboard/);
for (const u of ["/dashboard", "/candidates", "/tasks", "/contacts", "/institutions", "/alerts", "/courses", "/leads", "/academics", "/emails", "/audit", "/settings", "/emails/progress-report", "/attendance/detention", "/grade-cards", "/reports"]) {
  const ts = [];
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    await page.goto(u);
    const nav = await page.evaluate(() => { const n = performance.getEntriesByType("navigation")[0]; return { ttfb: n.responseStart - n.requestStart, html: n.responseEnd - n.requestStart, load: n.loadEventEnd - n.startTime }; });
    ts.push(`${Math.round(nav.ttfb)}/${Math.round(nav.html)}/${Math.round(nav.load)}/${Date.now() - t0}`);
  }
  console.log(u.padEnd(26), ts.join("  "));
}
await browser.close();
