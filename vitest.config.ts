import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: root },
      // Outside Next's server bundle the marker would throw; the boundary is checked by `next build`.
      { find: /^server-only$/, replacement: fileURLToPath(new URL("./tests/support/empty.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx", "tests/integration/**/*.test.ts"],
    environment: "node",
    setupFiles: ["./tests/support/setup.ts"],
    // Each test file gets its own fresh libSQL database file (see setup.ts).
    pool: "forks",
    // Vitest's default is one worker fewer than the cores: on a two-core machine, one file at a
    // time. Each file has its own process and database, so files side by side are safe, and they
    // spend much of their time waiting on libSQL and child processes: at least two at once.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // next-auth imports "next/server" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
