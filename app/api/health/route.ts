import { sql } from "drizzle-orm";
import { route } from "@/lib/route";
import { z } from "zod";
import { db } from "@/db/client";

// Liveness and database reachability, for load balancers and the test runner.
export const GET = route({ access: "public", schema: z.object({}) }, async () => {
  await db.run(sql`select 1`);
  return { status: "ok" };
});
