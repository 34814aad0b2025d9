import { createElement } from "react";
import { render, toPlainText } from "@react-email/render";
import type { EmailTemplate } from "@/lib/constants";
import { TEMPLATES, type TemplateProps } from "./templates";

export type Rendered = { subject: string; html: string; text: string };

/** HTML and a plain-text part for one template, personalised with its props. */
export async function renderEmail<K extends EmailTemplate>(template: K, props: TemplateProps[K]): Promise<Rendered> {
  const entry = TEMPLATES[template];
  const element = createElement(entry.component as React.ComponentType<TemplateProps[K]>, props);
  const html = await render(element);
  // The plain-text part: the template's own when it has one, else converted from the HTML.
  const text = entry.text ? (entry.text as (p: TemplateProps[K]) => string)(props) : toPlainText(html);
  return { subject: entry.subject(props), html, text };
}
