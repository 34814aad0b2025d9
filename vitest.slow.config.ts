import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// `npm run test:slow`: tests that start the production build (NEXT_DIST_DIR, else .next;
// built when missing) on their own seeded databases and kill it, load it, time it. One file
// at a time: each starts a server, and the machine has few cores.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: root },
      { find: /^server-only$/, replacement: fileURLToPath(new URL("./tests/support/empty.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["tests/slow/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 300_000,
  },
});
