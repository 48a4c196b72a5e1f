import { parse } from "shell-quote";
import { UserError } from "../../core/errors.js";

/**
 * A command given as one string, split into a program and its arguments the way a POSIX shell
 * splits words (quotes and backslashes honoured: `python3 'my dir/score.py'` is two words), with
 * no shell run: `$NAME` stays literal text and operators (`;`, `|`, `&&`, `>`) are refused with a
 * hint, since nothing would run them. A list is taken as it is. Throws `UserError` naming `field`.
 */
export function commandWords(command: string | readonly string[], field: string): string[] {
  if (typeof command !== "string") return [...command];
  const words: string[] = [];
  for (const entry of parse(command, (name) => `$${name}`)) {
    if (typeof entry === "string") words.push(entry);
    else if ("pattern" in entry) words.push(entry.pattern);
    else if ("comment" in entry) break;
    else {
      throw new UserError(
        `${field}: "${entry.op}" is shell syntax, but the command is run without a shell; ` +
          `write a list to use a shell, e.g. [sh, -c, "…"]`,
      );
    }
  }
  if (words.length === 0) throw new UserError(`${field}: write the program to run`);
  return words;
}
