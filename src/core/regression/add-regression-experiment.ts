import { isDeepStrictEqual } from "node:util";
import { Document, isMap, isScalar, LineCounter, parseDocument, type YAMLMap } from "yaml";
import { parseConfig } from "../config/load.js";
import { ExperimentsNotAMapError, RegressionNameTakenError, SourceExperimentMissingError } from "./regression-errors.js";

export interface AddRegressionExperimentInput {
  /** The config file's text where the experiment is added. */
  configText: string;
  /** Its path, for messages. */
  file: string;
  /** The config that defines `sourceExperiment` (the pull request's; the same text in most cases). */
  sourceConfigText: string;
  sourceExperiment: string;
  name: string;
  /** As written in the config: relative to the config file. */
  dataset: string;
  /** A one-line YAML comment written above the new experiment. */
  comment: string;
  description: string;
}

export type AddRegressionExperimentResult =
  | { kind: "added"; text: string }
  | { kind: "present" };

// The regression experiment judges the same way the source does: same target, scorers, gate and run settings.
const COPIED_KEYS = ["target", "scorers", "gate", "concurrency", "retries", "max_error_rate"] as const;

/**
 * Adds `name` to `experiments:` unless it is there. The new entry is spliced into the text after
 * the last experiment, so every byte of the user's file (comments, alignment, quoting) stays; the
 * yaml Document API finds where and writes the entry. When the map is not in block style the
 * whole document is re-serialised through the Document API instead, which keeps comments.
 * Throws a RegressionPlanError when there is no place for it, or a UserError when the result
 * would not load as a config.
 */
export function addRegressionExperiment(input: AddRegressionExperimentInput): AddRegressionExperimentResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(input.configText, { lineCounter });
  if (document.errors.length > 0) parseConfig(input.configText, input.file);
  const experiments = document.get("experiments", true);
  if (!isMap(experiments)) throw new ExperimentsNotAMapError(input.file);
  const existing = experiments.get(input.name, true);
  if (existing !== undefined) {
    const dataset = (document.getIn(["experiments", input.name, "dataset"]) as unknown) ?? undefined;
    if (dataset !== input.dataset) throw new RegressionNameTakenError(input.file, input.name, String(dataset));
    return { kind: "present" };
  }
  const definition = { description: input.description, dataset: input.dataset, ...copiedSettings(input) };
  const expected = { ...(document.toJS() as Record<string, unknown>) };
  expected.experiments = { ...(expected.experiments as Record<string, unknown>), [input.name]: definition };
  const spliced = spliceEntry(input, experiments, lineCounter, definition);
  const text = spliced !== undefined && isDeepStrictEqual(parseDocument(spliced).toJS(), expected) ? spliced : reserialise(document, experiments, input, definition);
  // Whatever we wrote must load as a config, or nothing is committed.
  parseConfig(text, input.file);
  return { kind: "added", text };
}

function copiedSettings(input: AddRegressionExperimentInput): Record<string, unknown> {
  const source = parseDocument(input.sourceConfigText).toJS() as { experiments?: Record<string, Record<string, unknown>> } | null;
  const experiment = source?.experiments?.[input.sourceExperiment];
  if (experiment === undefined) throw new SourceExperimentMissingError(input.file, input.sourceExperiment);
  const settings: Record<string, unknown> = {};
  for (const key of COPIED_KEYS) if (experiment[key] !== undefined) settings[key] = experiment[key];
  return settings;
}

function entryText(input: AddRegressionExperimentInput, definition: Record<string, unknown>, indent: string): string {
  const entry = new Document({ [input.name]: definition }).toString({ lineWidth: 0, indent: 2 });
  const lines = [`# ${input.comment}`, ...entry.trimEnd().split("\n")];
  return lines.map((line) => `${indent}${line}`).join("\n");
}

/** The text with the entry after the map's last line, indented like its keys; undefined when the map is not block style. */
function spliceEntry(input: AddRegressionExperimentInput, experiments: YAMLMap, lineCounter: LineCounter, definition: Record<string, unknown>): string | undefined {
  const firstKey = experiments.items[0]?.key;
  if (experiments.flow || !isScalar(firstKey) || firstKey.range === undefined || firstKey.range === null || experiments.range === undefined || experiments.range === null) return undefined;
  const column = lineCounter.linePos(firstKey.range[0]).col - 1;
  const text = input.configText;
  // range[1] ends the last value, sometimes past the blank lines after it; the rest of its line may hold a comment.
  let valueEnd = experiments.range[1];
  while (valueEnd > 0 && /\s/.test(text[valueEnd - 1] ?? "")) valueEnd--;
  const lineEnd = text.indexOf("\n", valueEnd);
  const at = lineEnd === -1 ? text.length : lineEnd + 1;
  const before = text.slice(0, at);
  const separator = before.endsWith("\n") ? "" : "\n";
  return `${before}${separator}\n${entryText(input, definition, " ".repeat(column))}\n${text.slice(at)}`;
}

function reserialise(document: Document, experiments: YAMLMap, input: AddRegressionExperimentInput, definition: Record<string, unknown>): string {
  const pair = document.createPair(input.name, definition);
  if (isScalar(pair.key)) {
    pair.key.commentBefore = ` ${input.comment}`;
    pair.key.spaceBefore = true;
  }
  experiments.items.push(pair);
  return document.toString({ lineWidth: 0 });
}
