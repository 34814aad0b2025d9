import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { IMPORT_KINDS } from "@/lib/constants";
import { id, timestamp, timestamps } from "./columns";
import { users } from "./users";

export const imports = sqliteTable(
  "imports",
  {
    id: id(),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    fileName: text("file_name").notNull(),
    fileHash: text("file_hash").notNull(),
    courseId: integer("course_id"),
    status: text("status", { enum: ["committed", "undone"] })
      .notNull()
      .default("committed"),
    counts: text("counts", { mode: "json" }).$type<{ created: number; updated: number; unchanged: number; rows: number }>().notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    undoneAt: timestamp("undone_at"),
    undoneBy: integer("undone_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [index("imports_created_idx").on(t.createdAt)],
);

// What an import changed, row by row, so it can be undone.
export const importChanges = sqliteTable(
  "import_changes",
  {
    id: id(),
    importId: integer("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    entity: text("entity").notNull(),
    entityId: integer("entity_id").notNull(),
    before: text("before", { mode: "json" }).$type<Record<string, unknown> | null>(),
    after: text("after", { mode: "json" }).$type<Record<string, unknown> | null>(),
  },
  (t) => [index("import_changes_import_idx").on(t.importId), index("import_changes_entity_idx").on(t.entity, t.entityId)],
);

// The last column mapping each user chose per kind of import.
export const importMappings = sqliteTable(
  "import_mappings",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    mapping: text("mapping", { mode: "json" }).$type<Record<string, string>>().notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex("import_mappings_user_kind_unique").on(t.userId, t.kind)],
);
