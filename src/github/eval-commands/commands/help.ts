import { renderHelp } from "../help-text.js";
import type { CommandResult } from "./command-result.js";

/** `/eval help`. */
export function runEvalHelp(): CommandResult {
  return { body: renderHelp(), summary: "replied with the help" };
}
