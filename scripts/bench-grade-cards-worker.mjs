// The entry of a `npm run bench:grade-cards` worker thread: TypeScript through tsx, `server-only`
// stubbed as the scripts stub it, then the renderer (a worker does not inherit the CLI's loaders).
import { register } from "tsx/esm/api";

register();
await import("./register.mjs");
await import("./bench-grade-cards-worker.ts");
