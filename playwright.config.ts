import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * Chromium from CHROMIUM_PATH, else Debian's headless shell, else Debian's full Chromium, else
 * Playwright's own; otherwise say how to get one. The headless shell (package
 * chromium-headless-shell, the same engine without the browser's UI layers) is what Playwright
 * itself runs headless; here it ran the accessibility spec in 3.6 min against 4.6 min.
 */
function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require("playwright-core") as typeof import("playwright-core");
    if (existsSync(chromium.executablePath())) return undefined; // Playwright's own browser
  } catch {
    // fall through to the message below
  }
  throw new Error(
    "No Chromium found for the end-to-end tests. Install one: `sudo apt-get install -y chromium-headless-shell` (Debian/Ubuntu), " +
      "or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium/Chrome binary.",
  );
}

const executablePath = chromiumPath();
// E2E_PORT moves both servers (and their database files), so two runs can go side by side.
const EMPTY_PORT = Number(process.env.E2E_PORT || 3100);
const SEEDED_PORT = EMPTY_PORT + 1;

export default defineConfig({
  testDir: "./tests/e2e",
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    // The browser asks for reduced motion (app/globals.css then runs no animation): nothing
    // waits for a dialog to fade in or out. The motion itself is CSS only, not behaviour.
    reducedMotion: "reduce",
    // No trace by default: recording one (DOM snapshots and a screencast of every action, kept
    // only on failure) made each test about a third slower (a11y scans 4.5 s → 6.8 s each). A
    // failure still leaves its screenshot and the page's ARIA snapshot (error-context.md);
    // PW_TRACE=1 records the full trace of a failing rerun.
    trace: process.env.PW_TRACE === "1" ? "retain-on-failure" : "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    {
      // A database with no admin yet: the first-run journey.
      name: "first-run",
      testMatch: /first-run\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${EMPTY_PORT}` },
    },
    {
      // Each demo role signs in once and its browser state is saved (tests/e2e/.auth/), for
      // the specs that need someone signed in but are not about signing in.
      name: "setup",
      testMatch: /auth\.setup\.ts/,
      use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${SEEDED_PORT}` },
    },
    {
      name: "seeded",
      testIgnore: /first-run\.spec\.ts/,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${SEEDED_PORT}` },
    },
  ],
  webServer: [
    {
      command: `tsx --import ./scripts/register.mjs scripts/e2e-server.ts --port ${EMPTY_PORT} --db data/e2e-empty-${EMPTY_PORT}.db`,
      url: `http://localhost:${EMPTY_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `tsx --import ./scripts/register.mjs scripts/e2e-server.ts --port ${SEEDED_PORT} --db data/e2e-seeded-${SEEDED_PORT}.db --seed`,
      url: `http://localhost:${SEEDED_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
