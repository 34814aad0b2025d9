import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ROLES, TOKEN_KINDS } from "@/lib/constants";
import { bool, id, timestamp, timestamps } from "./columns";

export const users = sqliteTable(
  "users",
  {
    id: id(),
    fullName: text("full_name").notNull(),
    email: text("email").notNull(),
    // Null until the invited person sets a password.
    passwordHash: text("password_hash"),
    role: text("role", { enum: ROLES }).notNull(),
    active: bool("active").notNull().default(true),
    lastSignInAt: timestamp("last_sign_in_at"),
    // Bumped on password change and deactivation: a JWT carrying an older version is void.
    sessionVersion: integer("session_version").notNull().default(0),
    passwordChangedAt: timestamp("password_changed_at"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("users_email_lower_unique").on(sql`lower(${t.email})`), index("users_role_idx").on(t.role, t.active)],
);

// Invitation and password-reset links. Only the hash of the token is kept.
export const userTokens = sqliteTable(
  "user_tokens",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: TOKEN_KINDS }).notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    usedAt: timestamp("used_at"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [uniqueIndex("user_tokens_hash_unique").on(t.tokenHash), index("user_tokens_user_idx").on(t.userId, t.kind)],
);

// Fixed-window counters for sign-in, reset and result-link abuse limits. Kept in the
// database so they hold across restarts and across servers sharing one libSQL server.
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  resetAt: integer("reset_at").notNull(),
});
