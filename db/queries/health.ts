import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { institutionSettings } from "@/db/schema";

/**
 * Throws unless the database answers. A read on the read connection: it must answer while a
 * long import holds the write connection. No actor: it reads no one's data, only that it can.
 */
export async function checkDatabase(): Promise<void> {
  await db
    .select({ one: sql`1` })
    .from(institutionSettings)
    .limit(1);
}
