import { z } from "zod";

/** What is typed into a search box (the global search and the pickers). */
export const searchSchema = z.object({ q: z.string().max(100) });
