import { z } from "zod";
import { idSchema } from "./fields";

/** Revoking a result link, from the candidate's page. */
export const revokeLinkSchema = z.object({ id: idSchema, candidateId: idSchema });
