// The setup project: each demo role signs in once, through the form, and its browser state
// (the session cookie) is saved for every spec that needs a signed-in person but is not about
// signing in. Each test still gets a fresh context of its own from that state.
import { expect, test as setup } from "@playwright/test";
import { DEMO, authFile, signIn, type DemoRole } from "./support/auth";

// The three sign-ins are independent: side by side, every spec waiting on them starts sooner.
setup.describe.configure({ mode: "parallel" });

for (const role of Object.keys(DEMO) as DemoRole[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, DEMO[role]);
    await expect(page.getByTestId("user-name")).toBeVisible();
    await page.context().storageState({ path: authFile(role) });
  });
}
