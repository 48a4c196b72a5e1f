import { LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { decodeUtf8 } from "../dataset/decode-utf8.js";
import { UserError } from "../errors.js";
import { findUnknownPlaceholders } from "../template.js";
import { describeZodIssues, formatPath } from "../zod-issues.js";
import { duplicateKeys, lineOfPath, yamlErrorLine } from "./load.js";
import { findNestingProblem } from "./nesting-limit.js";

/** A prompt file is a few KiB; a larger one is the wrong file, and would be sent with every item. */
export const MAX_PROMPT_FILE_BYTES = 256 * 1024;

/** As in evalgate.yml: a "billion laughs" file stays refused. */
const MAX_ALIAS_COUNT = 100;

const PLACEHOLDER_HINT = "use {{input}}, {{input.field}}, {{expected}}, {{metadata.field}}, {{item_id}}";

/** A message template: its content may use the placeholders of the http body. */
const PromptMessageSchema = z.strictObject({
  role: z.enum(["system", "developer", "user", "assistant"]),
  content: z
    .string()
    .min(1)
    .superRefine((content, context) => {
      for (const { placeholder } of findUnknownPlaceholders(content)) {
        context.addIssue({ code: "custom", message: `unknown placeholder ${placeholder} (${PLACEHOLDER_HINT})` });
      }
    }),
});

/** OpenAI's function tool, sent as written; fields beyond these pass through for newer APIs. */
const FunctionToolSchema = z.strictObject({
  type: z.literal("function"),
  function: z.looseObject({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "a tool name is 1 to 64 letters, digits, '_' or '-'" }),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().optional(),
  }),
});

/**
 * A versioned prompt: the messages sent for each item (templates) and the request's settings.
 * The target's fields in evalgate.yml override the settings; the file's content is part of the
 * experiment version.
 */
export const PromptFileSchema = z.strictObject({
  /** For the reader of the file; not sent. */
  description: z.string().optional(),
  model: z.string().min(1).optional(),
  messages: z.array(PromptMessageSchema).min(1),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_tokens: z.number().int().positive().optional(),
  tools: z.array(FunctionToolSchema).min(1).optional(),
});
export type PromptFile = z.infer<typeof PromptFileSchema>;

/** The keys a strict object at a path accepts, for "did you mean" on a typo. */
function knownKeys(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return Object.keys(PromptFileSchema.shape);
  if (path.length === 2 && path[0] === "messages") return Object.keys(PromptMessageSchema.shape);
  if (path.length === 2 && path[0] === "tools") return Object.keys(FunctionToolSchema.shape);
  return [];
}

/** Problems listed at once, as for evalgate.yml; the rest are counted. */
const MAX_LISTED_PROBLEMS = 20;

/**
 * Parses a prompt file's bytes (YAML, or JSON, which is YAML). Every problem is reported at once,
 * one line each, as `<file>:<line>: <field path>: <message>`; `file` is the path as configured.
 * Refused as evalgate.yml is: over the size limit, not UTF-8, duplicate keys, too many aliases,
 * nested too deeply.
 */
export function parsePromptFile(bytes: Uint8Array, file: string): PromptFile {
  if (bytes.byteLength > MAX_PROMPT_FILE_BYTES) {
    throw new UserError(`${file}: a prompt file is at most ${MAX_PROMPT_FILE_BYTES / 1024} KiB; is it the right file?`);
  }
  const lineCounter = new LineCounter();
  // The library's own duplicate-key check is quadratic in a map's size; duplicateKeys uses a set.
  const document = parseDocument(decodeUtf8(bytes, file), { lineCounter, prettyErrors: false, uniqueKeys: false });
  const errors = document.errors.map((error) => yamlErrorLine(error, file, lineCounter));
  if (errors.length === 0) errors.push(...duplicateKeys(document, file, lineCounter));
  if (errors.length > 0) throw new UserError(listed(errors).join("\n"));
  const value = documentValue(document, file);
  const nesting = findNestingProblem(value);
  if (nesting !== undefined) {
    const at = nesting.path.length === 0 ? "" : `${formatPath(nesting.path)}: `;
    throw new UserError(`${file}:${lineOfPath(document, lineCounter, nesting.path)}: ${at}${nesting.message}`);
  }
  const result = PromptFileSchema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const problems = describeZodIssues(result.error.issues, { input: value, knownKeys });
  // Lines are found for the listed problems only: finding one is linear in the size of its map.
  const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => {
    const line = lineOfPath(document, lineCounter, problem.at ?? problem.path);
    return problem.path.length === 0 ? `${file}:${line}: ${problem.message}` : `${file}:${line}: ${formatPath(problem.path)}: ${problem.message}`;
  });
  const more = problems.length - lines.length;
  throw new UserError([...lines, ...(more > 0 ? [`… and ${more} more problems`] : [])].join("\n"));
}

function documentValue(document: Document, file: string): unknown {
  if (document.contents === null) {
    throw new UserError(`${file}: the prompt file is empty; write "messages:" with at least one { role, content }`);
  }
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    // The yaml library throws a ReferenceError for a "billion laughs" document.
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new UserError(`${file}: the YAML aliases (*name) expand to too much; write the values out instead`);
    }
    throw error;
  }
}

function listed(lines: string[]): string[] {
  if (lines.length <= MAX_LISTED_PROBLEMS) return lines;
  return [...lines.slice(0, MAX_LISTED_PROBLEMS), `… and ${lines.length - MAX_LISTED_PROBLEMS} more problems`];
}
