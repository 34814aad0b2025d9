import { z } from "zod";
import { route } from "@/lib/route";
import { first, parseListParams } from "@/lib/list";
import { csvResponse, toCsv } from "@/lib/csv";
import { allPages } from "@/lib/all-pages";
import { listContacts } from "@/db/queries/contacts";

export const GET = route({ access: "contacts.read", schema: z.record(z.string(), z.string()) }, async (input, { user }) => {
  const params = parseListParams(input, { sort: "name" });
  const institutionId = Number(first(input.institution)) || undefined;
  const rows = await allPages((page) => listContacts(user, { ...params, page, size: 100 }, { institutionId }));
  return csvResponse(
    "contacts.csv",
    toCsv(rows, [
      { key: "fullName", header: "Name" },
      { key: "role", header: "Role" },
      { key: "institutionName", header: "Institution" },
      { key: "email", header: "Email" },
      { key: "phone", header: "Phone" },
      { key: "leadCount", header: "Leads referred" },
    ]),
  );
});
