/** The text of a PDF, page by page, as a reader extracts it (unpdf's bundled pdf.js, offline). */
import { extractText, getDocumentProxy } from 'unpdf';

export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const { text } = await extractText(new Uint8Array(bytes), { mergePages: false });
  return text;
}

/** The document's info dictionary (title, author, ...). */
export async function pdfInfo(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const doc = await getDocumentProxy(new Uint8Array(bytes));
  const { info } = await doc.getMetadata();
  return info as Record<string, unknown>;
}
