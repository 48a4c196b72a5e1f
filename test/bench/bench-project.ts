import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** The dataset's item `i`: a question the echo target answers with the question itself. */
export function benchItem(i: number): { id: string; input: { question: string }; expected: string } {
  return { id: `item-${i}`, input: { question: `question ${i}: what is ${i} + ${i}?` }, expected: String(2 * i) };
}

/**
 * A temporary project for `evalgate run bench`: `items.jsonl` with `items` items and an
 * `evalgate.yml` whose experiment `bench` calls `${EVALGATE_TARGET_URL}` at `concurrency`, with
 * three pure scorers (what a small real experiment has). Returns the folder.
 */
export async function writeBenchProject(options: { items: number; concurrency: number }): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-bench-"));
  const lines: string[] = [];
  for (let i = 0; i < options.items; i++) lines.push(JSON.stringify(benchItem(i)));
  await writeFile(path.join(dir, "items.jsonl"), lines.join("\n") + "\n");
  await writeFile(
    path.join(dir, "evalgate.yml"),
    [
      "version: 1",
      "experiments:",
      "  bench:",
      "    dataset: items.jsonl",
      "    target: { type: http, url: '${EVALGATE_TARGET_URL}', timeout: 10s }",
      "    scorers:",
      "      - json_valid",
      "      - { name: contains, config: { value: question } }",
      "      - { name: latency_max, config: { ms: 5000 } }",
      "    gate: { passed_threshold: 0 }",
      `    concurrency: ${options.concurrency}`,
      "    retries: 3",
      "",
    ].join("\n"),
  );
  return dir;
}
