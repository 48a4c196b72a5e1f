import { expectedTexts } from "./text-expectations.js";
import type { ExpectedValue } from "./value-sources.js";

/**
 * The one expected text of a scorer that measures a text against another (`levenshtein`,
 * `rouge_n`): a list has no single distance, so it is the dataset's or config's mistake.
 */
export function expectedText(expected: ExpectedValue): string {
  const texts = expectedTexts(expected);
  const [text] = texts;
  if (text === undefined || texts.length > 1) {
    throw new Error(`${expected.label} is a list of ${texts.length} texts; this scorer compares the output with one text`);
  }
  return text;
}
