import { z } from "zod";
import { route } from "@/lib/route";
import { idSchema } from "@/lib/forms/fields";
import { exportCandidateData } from "@/db/queries/privacy";

/** Subject access: everything held about one candidate as a JSON download. Admins only; each export is audited. */
export const GET = route({ access: "candidates.privacy", schema: z.object({ id: idSchema }) }, async ({ id }, { user }) => {
  const { fileName, data } = await exportCandidateData(user, id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
