import nextEnv from "@next/env";

/** Loads .env, .env.local … exactly as Next does, so scripts and the app agree. */
export function loadEnv(dev = process.env.NODE_ENV !== "production"): void {
  nextEnv.loadEnvConfig(process.cwd(), dev, { info: () => {}, error: console.error });
}
