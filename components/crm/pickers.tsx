"use client";

import { Combobox, type ComboOption } from "@/components/forms/combobox";
import { searchInstitutionsAction } from "@/app/(staff)/institutions/actions";
import { searchContactsAction } from "@/app/(staff)/contacts/actions";

type PickerProps = {
  name: string;
  id?: string;
  initial?: ComboOption | null;
  onChange?: (o: ComboOption | null) => void;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
};

async function institutions(q: string): Promise<ComboOption[]> {
  const r = await searchInstitutionsAction(null, { q });
  return r.ok ? r.data.map((i) => ({ id: i.id, label: i.name, hint: i.city })) : [];
}

async function contacts(q: string): Promise<ComboOption[]> {
  const r = await searchContactsAction(null, { q });
  return r.ok ? r.data.map((c) => ({ id: c.id, label: c.fullName, hint: c.institutionName })) : [];
}

export function InstitutionPicker(props: PickerProps) {
  return <Combobox {...props} search={institutions} placeholder="Type an institution's name" />;
}

export function ContactPicker(props: PickerProps) {
  return <Combobox {...props} search={contacts} placeholder="Type a contact's name" />;
}
