import { z } from "zod";
import { proxyHopsSchema } from "./client-address.mjs";

// Read once, validated once. Every default is the embedded, zero-setup one.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).default("file:data/markbook.db"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  AUTH_SECRET: z.string().optional(),
  APP_URL: z.string().url().default("http://localhost:3000"),
  RESEND_API_KEY: z.string().optional(),
  EMAIL_FROM: z.string().default("Markbook <reports@markbook.test>"),
  // Without RESEND_API_KEY: the folder delivered messages are written to (never into the database).
  OUTBOX_DIR: z.string().min(1).default("data/outbox"),
  CRON_SECRET: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 60),
  // Proxies in front that append to X-Forwarded-For; server.mjs reads it to find the client's address.
  TRUSTED_PROXY_HOPS: proxyHopsSchema,
  // Set by server.mjs (a fresh secret per start) before Next loads: proof that the client-address
  // header came from it. Unset under plain `next start`, where no address is trusted.
  MARKBOOK_SERVER_MARK: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${issues}`);
  }
  return parsed.data;
}

export const env = load();
