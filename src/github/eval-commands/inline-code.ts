import { escapeMarkdown } from "../../core/report/escape-markdown.js";

const PLAIN = /^[A-Za-z0-9_.:\/-]{1,100}$/;

/**
 * An id or name for a reply: as code when it is plain (run ids, run item ids, file names), else
 * escaped text, since nothing can be escaped inside a code span and a dataset's ids are anyone's.
 */
export function inlineCode(text: string): string {
  return PLAIN.test(text) ? `\`${text}\`` : escapeMarkdown(text, { maxLength: 100 });
}
