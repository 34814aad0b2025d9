import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"],
  },
  {
    plugins: { drizzle },
    rules: {
      // Every update and delete must say which rows: a missing where is a wiped table.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Unscoped helpers (no acting user) are for the queries layer itself: screens and route
    // handlers read through the scoped queries, so a page cannot forget whose data it shows.
    files: ["app/**", "components/**", "lib/**", "emails/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/db/queries/internal/*", "**/db/queries/internal/*"], message: "Unscoped: read through a db/queries function that takes the actor (or the link)." }] }],
    },
  },
];

export default config;
