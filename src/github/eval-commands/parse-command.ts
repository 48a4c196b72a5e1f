import { EXPERIMENT_NAME } from "../../core/config/schema.js";

/** What a `/eval` comment asks for. */
export type EvalCommand =
  | { kind: "regression"; runItemIds: string[]; name?: string }
  | { kind: "run"; variant?: string }
  | { kind: "help" };

export type ParsedComment =
  | { kind: "not-a-command" }
  | { kind: "command"; command: EvalCommand }
  /** A `/eval` comment we cannot run: `problem` says why, and the reply shows the help. */
  | { kind: "invalid"; problem: string };

const PREFIX = "/eval";
// Run item ids are `ri_` and 12 hex digits; the bound keeps a pasted paragraph out of a reply.
const RUN_ITEM_ID = /^[A-Za-z0-9_.-]{1,100}$/;
const MAX_NAME_LENGTH = 100;
const MAX_RUN_ITEM_IDS = 100;

/** The first line, split on whitespace: the rest of a comment is free text for humans. */
function firstLineTokens(body: string): string[] {
  const firstLine = body.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  return firstLine.trim().split(/\s+/).filter((token) => token !== "");
}

/** A comment is a command when its first line's first word is exactly `/eval`. */
export function isEvalComment(body: string): boolean {
  return firstLineTokens(body)[0] === PREFIX;
}

export function parseEvalComment(body: string): ParsedComment {
  const [prefix, subcommand, ...args] = firstLineTokens(body);
  if (prefix !== PREFIX) return { kind: "not-a-command" };
  switch (subcommand) {
    case undefined:
    case "help":
      return args.length === 0 ? { kind: "command", command: { kind: "help" } } : invalid(`\`/eval help\` takes no arguments`);
    case "run":
      return parseRunArgs(args);
    case "regression":
      return parseRegressionArgs(args);
    default:
      return invalid(`unknown command "${subcommand}"`);
  }
}

/** `/eval run [--variant NAME]` (also `--variant=NAME`). */
function parseRunArgs(args: string[]): ParsedComment {
  if (args.length === 0) return { kind: "command", command: { kind: "run" } };
  const [flag, inline] = args[0]!.startsWith("--variant=") ? ["--variant", args[0]!.slice("--variant=".length)] : [args[0]!, undefined];
  if (flag !== "--variant") return invalid(`unknown option "${args[0]!}" (\`/eval run\` takes only --variant NAME)`);
  const variant = inline ?? args[1];
  const rest = args.slice(inline === undefined ? 2 : 1);
  if (variant === undefined || variant === "" || variant.startsWith("--")) return invalid("--variant needs a value");
  if (rest.length > 0) return invalid(`unexpected "${rest[0]!}" after --variant ${variant}`);
  if (!EXPERIMENT_NAME.test(variant) || variant.length > MAX_NAME_LENGTH) {
    return invalid(`--variant "${variant}" is not a valid variant name: use letters, digits, '.', '_' and '-'`);
  }
  return { kind: "command", command: { kind: "run", variant } };
}

function invalid(problem: string): ParsedComment {
  return { kind: "invalid", problem };
}

/** `--run-item-id ID` (repeatable) and `--name NAME`, each also as `--flag=value`. */
function parseRegressionArgs(args: string[]): ParsedComment {
  const runItemIds: string[] = [];
  let name: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? "";
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (flag !== "--run-item-id" && flag !== "--name") return invalid(`unknown option "${arg}"`);
    const value = inline ?? args[++index];
    if (value === undefined || value === "" || value.startsWith("--")) return invalid(`${flag} needs a value`);
    if (flag === "--name") {
      if (name !== undefined) return invalid("--name may be given once");
      if (!EXPERIMENT_NAME.test(value) || value.length > MAX_NAME_LENGTH) {
        return invalid(`--name "${value}" is not a valid name: use letters, digits, '.', '_' and '-', starting with a letter or digit (at most ${MAX_NAME_LENGTH})`);
      }
      name = value;
    } else {
      if (!RUN_ITEM_ID.test(value)) return invalid(`--run-item-id "${value}" is not a run item id (they look like ri_3f9a2c1d8e7b)`);
      if (!runItemIds.includes(value)) runItemIds.push(value);
      if (runItemIds.length > MAX_RUN_ITEM_IDS) return invalid(`at most ${MAX_RUN_ITEM_IDS} --run-item-id options at once`);
    }
  }
  return { kind: "command", command: { kind: "regression", runItemIds, ...(name === undefined ? {} : { name }) } };
}
