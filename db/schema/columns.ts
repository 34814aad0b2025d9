import { integer } from "drizzle-orm/sqlite-core";

// Shared columns: every record has an id, created_at and updated_at (PRODUCT.md §2).
export const id = () => integer("id").primaryKey({ autoIncrement: true });

export const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date());

export const updatedAt = () =>
  integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());

export const timestamps = () => ({ createdAt: createdAt(), updatedAt: updatedAt() });

export const bool = (name: string) => integer(name, { mode: "boolean" });
export const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });
