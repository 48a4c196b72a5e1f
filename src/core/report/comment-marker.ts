import { z } from "zod";

/** What the Action needs from its previous comment to decide whether to post again. */
export const CommentMetaSchema = z.object({
  head_sha: z.string(),
  verdict: z.enum(["pass", "fail", "inconclusive", "not_comparable", "no-baseline"]),
  regressions: z.number().int().nonnegative(),
  fixes: z.number().int().nonnegative(),
});
export type CommentMeta = z.infer<typeof CommentMetaSchema>;

const META_PREFIX = "<!-- evalgate:meta ";
const COMMENT_END = " -->";
// The hidden lines sit at the top; our own Markdown never starts a line with "<!--", and
// escaped dataset text cannot (escapeMarkdown turns "<" into "&lt;").
const HIDDEN_LINES_READ = 5;

/**
 * The hidden first line that identifies an experiment's comment on a pull request. Anything
 * outside [A-Za-z0-9._-] is percent-encoded, so no name can end the HTML comment or the quoted
 * value, and two names never share a marker.
 */
export function commentMarker(experiment: string): string {
  return `<!-- evalgate:comment experiment="${encodeName(experiment)}"${COMMENT_END}`;
}

/** The hidden second line: the verdict and flip counts, as JSON that cannot end the HTML comment. */
export function commentMetaLine(meta: CommentMeta): string {
  // "-->" and "--!>" both need ">"; "<" could open a nested comment in some renderers.
  const json = JSON.stringify(CommentMetaSchema.parse(meta))
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e");
  return `${META_PREFIX}${json}${COMMENT_END}`;
}

/** True when the body's first line is this experiment's marker (a quoted copy does not count). */
export function isCommentFor(body: string, experiment: string): boolean {
  return firstLines(body, 1)[0] === commentMarker(experiment);
}

/** The metadata of a comment we wrote, or undefined for any other body (or one edited beyond use). */
export function parseCommentMeta(body: string): CommentMeta | undefined {
  for (const line of firstLines(body, HIDDEN_LINES_READ)) {
    if (!line.startsWith(META_PREFIX) || !line.endsWith(COMMENT_END)) continue;
    const json = line.slice(META_PREFIX.length, line.length - COMMENT_END.length);
    const parsed = CommentMetaSchema.safeParse(parseJson(json));
    return parsed.success ? parsed.data : undefined;
  }
  return undefined;
}

function encodeName(name: string): string {
  let encoded = "";
  for (const character of name) {
    encoded += /^[A-Za-z0-9._-]$/.test(character) ? character : percentEncode(character);
  }
  return encoded;
}

function percentEncode(character: string): string {
  return Array.from(new TextEncoder().encode(character), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

function firstLines(body: string, count: number): string[] {
  // GitHub may hand the body back with CRLF line ends after an edit in the browser.
  return body.split("\n", count).map((line) => line.replace(/\r$/, ""));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
