import { extractText, getDocumentProxy } from "unpdf";

/** The text a reader can select in a PDF, page by page, in reading (content-stream) order. */
export async function pdfText(bytes: Uint8Array | Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return (text as string[]).map((page) => page.replace(/[ \t]+\n/g, "\n").trimEnd()).join("\n\f\n");
}
