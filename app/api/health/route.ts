import { sql } from "drizzle-orm";
import { route } from "@/lib/route";
import { z } from "zod";
import { db } from "@/db/client";
import { institutionSettings } from "@/db/schema";

// Liveness and database reachability, for load balancers and the test runner. A read on the
// read connection: it must answer while a long import holds the write connection.
export const GET = route({ access: "public", schema: z.object({}) }, async () => {
  await db.select({ one: sql`1` }).from(institutionSettings).limit(1);
  return { status: "ok" };
});
