// Scripts run outside Next: let them import modules marked `server-only` (the marker
// throws unless bundled for the server). Loaded with `tsx --import ./scripts/register.mjs`.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return next(specifier, context);
}`),
);
