import type { PromptTargetConfig } from "../../core/config/schema.js";
import type { PromptFile } from "../../core/config/prompt-file.js";
import { UserError } from "../../core/errors.js";
import type { Item } from "../../core/model/item.js";
import { compileText, type CompiledText } from "../../core/template.js";
import { templateValues } from "./http.js";
import type { CallContext } from "./target.js";

/** The inference step a prompt target is when neither it nor its experiment names one. */
export const PROMPT_STEP = "prompt";

/**
 * The inference step whose overrides a prompt target applies: its own `step`, else the
 * experiment's first inference step, else "prompt".
 */
export function promptTargetStep(step: string | undefined, inferenceSteps: readonly string[] | undefined): string {
  return step ?? inferenceSteps?.[0] ?? PROMPT_STEP;
}

/** A prompt target's chat completion request, compiled once: settings, and messages to render per item. */
export interface ChatRequest {
  /** The inference step whose overrides apply to this request. */
  step: string;
  /** model, temperature, top_p, max_tokens, tools: everything but the messages. */
  settings: Record<string, unknown>;
  messages: { role: string; render: CompiledText }[];
}

/** The settings a prompt file and the target's config may both set; the config's win. */
const SETTINGS = ["model", "temperature", "top_p", "max_tokens"] as const;

/**
 * Compiles the request from the prompt file (when the target has one) and the target's config.
 * Precedence, lowest first: the prompt file, the target's fields in evalgate.yml, then the run's
 * overrides for the target's inference step (applied per call by `chatRequestBody`). `where` is the
 * target's path in evalgate.yml, for the error when no model is named anywhere.
 */
export function compileChatRequest(config: PromptTargetConfig, file: PromptFile | undefined, where: string): ChatRequest {
  const settings: Record<string, unknown> = {};
  for (const key of SETTINGS) {
    const value = config[key] ?? file?.[key];
    if (value !== undefined) settings[key] = value;
  }
  if (settings.model === undefined) {
    throw new UserError(`${where}.model: required (the prompt file names no model either), e.g. model: gpt-4o-mini`);
  }
  if (file?.tools !== undefined) settings.tools = file.tools;
  const messages = file
    ? file.messages.map(({ role, content }) => ({ role, render: compileText(content) }))
    : inlineMessages(config);
  return { step: config.step ?? PROMPT_STEP, settings, messages };
}

/** The inline form: the system message as written (it was never a template), then the user message template. */
function inlineMessages(config: PromptTargetConfig): ChatRequest["messages"] {
  const user = { role: "user", render: compileText(config.prompt ?? "") };
  const system = config.system;
  return system === undefined ? [user] : [{ role: "system", render: () => system }, user];
}

/**
 * One item's request body: the compiled settings, the run's overrides for the target's step
 * merged over them (any field they carry, e.g. seed, is sent too), and the rendered messages.
 * A `system` override replaces the system message (or adds one first), since the API has no
 * `system` field. The one place a request is built, so variants change it here.
 */
export function chatRequestBody(request: ChatRequest, item: Item, context: CallContext): Record<string, unknown> {
  const values = templateValues(item, context);
  const { system, ...override } = context.overrides?.[request.step] ?? {};
  const rendered = request.messages.map(({ role, render }) => ({ role, content: render(values) }));
  const messages = typeof system === "string" ? withSystemMessage(rendered, system) : rendered;
  return { ...request.settings, ...override, messages };
}

function withSystemMessage(messages: { role: string; content: string }[], system: string): { role: string; content: string }[] {
  const others = messages.filter((message) => message.role !== "system");
  return [{ role: "system", content: system }, ...others];
}
