import type { HttpTargetConfig } from "../../core/config/schema.js";
import type { Item } from "../../core/model/item.js";
import type { TargetResult } from "../../core/model/run-item.js";
import { compileTemplate } from "../../core/template.js";
import type { TemplateValues } from "../../core/template.js";
import { retryPolicy } from "../../core/retry.js";
import { callForAnswer } from "./call-for-answer.js";
import { endpointOf, HttpTransport } from "./http-transport.js";
import type { TargetOptions } from "./target-options.js";
import { assertKnownPlaceholders, describeUrl, parseTargetUrl } from "./target-options.js";
import type { CallContext, Target } from "./target.js";

/** The `experiment` field of the request: variant and overrides only when the run has them. */
export function experimentField(context: CallContext): Record<string, unknown> {
  const experiment: Record<string, unknown> = { name: context.experiment };
  if (context.variant !== undefined) experiment.variant = context.variant;
  if (context.overrides !== undefined) experiment.overrides = context.overrides;
  return experiment;
}

export function templateValues(item: Item, context: CallContext): TemplateValues {
  return {
    input: item.input,
    expected: item.expected,
    metadata: item.metadata,
    item_id: item.id,
    run_id: context.runId,
    experiment: experimentField(context),
  };
}

/** The default body of PRODUCT.md, or the config's `body` template rendered for the item. */
function bodyBuilder(config: HttpTargetConfig): (item: Item, context: CallContext) => unknown {
  if (config.body === undefined) {
    return (item, context) => ({
      input: item.input,
      item_id: item.id,
      run_id: context.runId,
      experiment: experimentField(context),
    });
  }
  const render = compileTemplate(config.body);
  return (item, context) => render(templateValues(item, context));
}

/** JSON both ways unless the config's headers say otherwise (any spelling of the name). */
export function requestHeaders(configured: Record<string, string>): Record<string, string> {
  const names = new Set(Object.keys(configured).map((name) => name.toLowerCase()));
  const headers: Record<string, string> = {};
  if (!names.has("content-type")) headers["content-type"] = "application/json";
  if (!names.has("accept")) headers.accept = "application/json";
  return { ...headers, ...configured };
}

export function createHttpTarget(config: HttpTargetConfig, options: TargetOptions): Target {
  const url = parseTargetUrl(config.url, `${options.path}.url`);
  if (config.body !== undefined) assertKnownPlaceholders(config.body, `${options.path}.body`);
  const endpoint = endpointOf(url);
  const transport = new HttpTransport(options.concurrency);
  const policy = retryPolicy(options.retries, options.backoff);
  const headers = requestHeaders(config.headers);
  const buildBody = bodyBuilder(config);

  return {
    description: describeUrl(url),
    async call(item: Item, context: CallContext): Promise<TargetResult> {
      const body = JSON.stringify(buildBody(item, context));
      const request = { endpoint, method: config.method, headers, body, timeoutMs: config.timeout, signal: context.signal };
      return callForAnswer(transport, request, policy, config);
    },
    async close(): Promise<void> {
      transport.close();
    },
  };
}
