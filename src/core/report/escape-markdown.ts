import { oneLine, truncate } from "./excerpt.js";

export interface EscapeMarkdownOptions {
  /** Code points kept before escaping; longer text ends in "…". Default 200. */
  maxLength?: number;
}

// Entities for what could open HTML, a code span or fence, or split a table cell; a backslash
// for inline emphasis, links and math. A zero-width space after "@" and "#" stops GitHub from
// turning `@name` into a notification and `#123` into a cross-reference (what Dependabot does).
const REPLACEMENTS: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "|": "&#124;",
  "`": "&#96;",
  "@": "@&#8203;",
  "#": "#&#8203;",
  "\\": "\\\\",
  "*": "\\*",
  _: "\\_",
  "[": "\\[",
  "]": "\\]",
  "~": "\\~",
  $: "\\$",
};
const SPECIAL = /[&<>|`@#\\*_[\]~$]/g;
// Links to issues are cross-references too, and bare URLs become links a reviewer might follow;
// "GH-12" is GitHub's other issue-reference form.
const URL_SCHEME = /:\/\//g;
const WWW_PREFIX = /\b(www)\./gi;
const GH_REFERENCE = /\b(GH)-(?=\d)/gi;
// At the start of a line these would open a list or a heading underline.
const BLOCK_START = /^([-+=])|^(\d+)([.)])/;

/**
 * Makes text from a dataset or a model's output inert in GitHub Markdown: one line, no HTML, no
 * table break, no code fence, no mention or issue reference, no link, at most `maxLength` code
 * points. Safe in a table cell, a list item, a paragraph and inside `<details>`.
 */
export function escapeMarkdown(text: string, options: EscapeMarkdownOptions = {}): string {
  const short = truncate(oneLine(text), options.maxLength ?? 200);
  return short
    .replace(SPECIAL, (character) => REPLACEMENTS[character] ?? character)
    .replace(URL_SCHEME, ":&#8203;//")
    .replace(WWW_PREFIX, "$1&#8203;.")
    .replace(GH_REFERENCE, "$1&#8203;-")
    .replace(BLOCK_START, (_match, sign?: string, digits?: string, mark?: string) =>
      sign !== undefined ? `\\${sign}` : `${digits ?? ""}\\${mark ?? ""}`,
    );
}
