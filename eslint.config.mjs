import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

// Data flows one way (STYLE.md): page or form → action → db/queries → db/schema, with the
// pure rules beside it. Each restriction below is one arrow that may not point backwards.
const internal = {
  group: ["@/db/queries/internal/*", "**/db/queries/internal/*"],
  message: "Unscoped: read through a db/queries function that takes the actor (or the link).",
};
const database = {
  group: ["@/db/client", "@/db/schema", "@/db/schema/*", "**/db/client", "**/db/schema", "**/db/schema/*"],
  message: "Screens read and write through db/queries/<entity>.ts, which scopes by the actor and audits; no query in a page or component.",
};
const anyDb = {
  group: ["@/db", "@/db/**", "**/db/**"],
  message: "A pure module (results, alert rules, gradebook, CSV parsing) does no I/O: the queries layer calls it, never the reverse.",
};
const framework = {
  group: ["react", "react/*", "react-dom", "react-dom/*", "next", "next/*", "server-only"],
  message: "A pure module has no React or Next in it, so it runs the same in a test, a job and the browser.",
};
const nextLink = {
  group: ["next/link"],
  message: "Import Link from @/components/ui/link: it does not prefetch every dynamic page a list shows (see that file).",
};
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // tests/fixtures/lint/ holds deliberate breaches; tests/unit/lint-rules.test.ts lints them on purpose.
    ignores: [
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "db/migrations/**",
      "tests/fixtures/lint/**",
    ],
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
    // An import loop is a layering mistake waiting to happen (the last one hid behind dynamic
    // imports): a dynamic import() counts as an edge too, so it cannot be dodged that way.
    // The app's own modules; scripts/ and tests/ are entry points that nothing imports back.
    files: ["app/**", "components/**", "lib/**", "db/**", "emails/**", "proxy.ts", "instrumentation.ts"],
    // Except the table files: they import each other for foreign keys that Drizzle reads
    // lazily (`references(() => t.id)`), so their loops never run at import time, and one
    // file per area (STYLE.md) matters more there than an acyclic file graph.
    ignores: ["db/schema/**"],
    plugins: { "import-x": importX },
    settings: {
      // Without these import-x follows .js files only, sees no graph, and reports nothing.
      "import-x/extensions": [".ts", ".tsx", ".mts", ".mjs", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx", ".mts"] },
      "import-x/resolver-next": [createTypeScriptImportResolver({ alwaysTryTypes: true })],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // Unscoped helpers (no acting user) are for the queries layer itself: screens and route
    // handlers read through the scoped queries, so a page cannot forget whose data it shows.
    files: ["app/**", "components/**", "lib/**", "emails/**"],
    rules: restrict(internal),
  },
  {
    // Pages, layouts, actions, route handlers and components never hold the database.
    files: ["app/**", "components/**"],
    rules: restrict(internal, database, nextLink),
  },
  {
    // The one place next/link is wrapped.
    files: ["components/ui/link.tsx"],
    rules: restrict(internal, database),
  },
  {
    // The pure modules: the arithmetic, the at-risk rules, the gradebook's cell logic, CSV parsing.
    files: ["lib/results/**", "lib/alerts/rules.ts", "lib/alerts/labels.ts", "lib/gradebook/**", "lib/import/**"],
    rules: restrict(internal, anyDb, framework),
  },
];

export default config;
