import { startTarget, type TargetServer } from "../helpers/target-server.js";

/** An evalgate.yml for the arithmetic datasets: the answer must equal `expected.answer`. */
export function arithmeticConfig(options: {
  dataset?: string;
  threshold?: number;
  maxRegressions?: number;
  concurrency?: number;
  retries?: number;
  timeout?: string;
  extraTarget?: string;
} = {}): string {
  return [
    "version: 1",
    "experiments:",
    "  arithmetic:",
    `    dataset: ${options.dataset ?? "items.jsonl"}`,
    "    target:",
    "      type: http",
    "      url: ${EVALGATE_TARGET_URL}/agent",
    `      timeout: ${options.timeout ?? "5s"}`,
    ...(options.extraTarget ? [`      ${options.extraTarget}`] : []),
    "    scorers:",
    "      - { name: equals, config: { output_path: answer, field: expected.answer } }",
    "      - { name: latency_max, config: { ms: 5000 } }",
    `    gate: { passed_threshold: ${options.threshold ?? 1}${options.maxRegressions !== undefined ? `, max_regressions: ${options.maxRegressions}` : ""} }`,
    `    concurrency: ${options.concurrency ?? 8}`,
    `    retries: ${options.retries ?? 3}`,
    "",
  ].join("\n");
}

/**
 * A target that adds: `{ "question": "3+3" }` → `{ "output": { "answer": 6 } }`, except that the
 * items listed in `wrongFor` (by request path prefix: `/v1`, `/v2`) get a wrong answer.
 */
export function startArithmeticTarget(
  options: { latencyMs?: number; wrongFor?: Record<string, string[]> } = {},
): Promise<TargetServer> {
  return startTarget({
    respond: (body, _index, request) => {
      const { input, item_id } = body as { input: { question: string }; item_id: string };
      const [a, b] = input.question.split("+").map(Number);
      const version = /^\/(v\d+)\//.exec(request.url)?.[1] ?? "";
      const wrong = options.wrongFor?.[version]?.includes(item_id) ?? false;
      return {
        json: { output: { answer: (a ?? 0) + (b ?? 0) + (wrong ? 1 : 0) }, usage: { input_tokens: 3, output_tokens: 2 } },
        ...(options.latencyMs !== undefined ? { delayMs: options.latencyMs } : {}),
      };
    },
  });
}
