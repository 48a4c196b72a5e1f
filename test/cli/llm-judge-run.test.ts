import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Run } from "../../src/core/model/run.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { collect, makeWorkspace, runEvalgate, spawnEvalgate } from "../helpers/cli.js";
import { startModelServer, type JudgeQuestion } from "../helpers/openai-server.js";
import { startTarget } from "../helpers/target-server.js";
import { storedItems } from "./stored-runs.js";

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

const CONFIG = [
  "version: 1",
  "experiments:",
  "  support:",
  "    dataset: items.jsonl",
  "    target:",
  "      type: http",
  "      url: ${EVALGATE_TARGET_URL}/agent",
  "    scorers:",
  "      - name: llm_judge",
  "        config:",
  "          criteria: The reply says the order shipped.",
  "          model: judge-mini",
  '          provider: { base_url: "${JUDGE_BASE_URL}", api_key: "${JUDGE_API_KEY}" }',
  "    gate: { passed_threshold: 0.5 }",
  "    max_error_rate: 1",
  "    concurrency: 2",
  "    retries: 0",
  "",
].join("\n");

/** Items whose input the echo target answers with: item-2's reply does not say the order shipped. */
const DATASET = [
  { id: "item-0", input: "Order 10 has shipped." },
  { id: "item-1", input: "Order 11 has shipped." },
  { id: "item-2", input: "Order 12 is lost." },
  { id: "item-3", input: "Order 13 has shipped." },
]
  .map((item) => JSON.stringify(item))
  .join("\n");

/** The judge says Y exactly when the output it is shown mentions shipping. */
function shippingJudge(question: JudgeQuestion): string {
  const output = /\[Output\]\n(.*)/.exec(question.user)?.[1] ?? "";
  return JSON.stringify({ reasoning: `The output reads "${output}".`, choice: output.includes("shipped") ? "Y" : "N" });
}

/** An echo target (10 input and 5 output tokens a call) and a judge (20 in, 8 out a call). */
async function startServers(options: { failItem?: string } = {}) {
  const state = { failItem: options.failItem };
  const target = await startTarget({
    respond: (body) => {
      const { input, item_id } = body as { input: string; item_id: string };
      if (item_id === state.failItem) return { status: 500, json: { error: "down" } };
      return { json: { output: input, usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 } } };
    },
  });
  const judge = await startModelServer({ reply: shippingJudge });
  open.push(target, judge);
  const env = { JUDGE_BASE_URL: judge.baseUrl, JUDGE_API_KEY: "sk-judge" };
  return { target, judge, env, state };
}

async function storedRun(cwd: string, id: string): Promise<Run> {
  const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
  try {
    const run = await store.getRun(id);
    if (!run) throw new Error(`no run ${id}`);
    return run;
  } finally {
    await store.close();
  }
}

describe("evalgate run with an llm_judge", () => {
  it("judges every item, counts the judge's tokens apart from the target's, and shows them in runs show", async () => {
    const { target, judge, env } = await startServers();
    const cwd = await makeWorkspace({ "evalgate.yml": CONFIG, "items.jsonl": DATASET });

    const result = await runEvalgate(["run", "support", "--target-url", target.url], { cwd, env });
    expect(result.stderr).not.toContain("unexpected error");
    expect(result.code).toBe(0);
    expect(judge.count("chat")).toBe(4);
    expect(judge.requests[0]?.headers.authorization).toBe("Bearer sk-judge");

    const { runId, items } = await storedItems(cwd);
    const statuses = Object.fromEntries(items.map((item) => [item.item_id, item.status]));
    expect(statuses).toEqual({ "item-0": "passed", "item-1": "passed", "item-2": "failed", "item-3": "passed" });
    const lost = items.find((item) => item.item_id === "item-2")!.scores[0]!;
    expect(lost.evidence.reason).toBe('judge judge-mini chose "N" (score 0, below threshold 0.5): The output reads "Order 12 is lost.".');

    const run = await storedRun(cwd, runId);
    expect(run.summary?.tokens).toEqual({ input: 40, output: 20, total: 60 });
    expect(run.summary?.scorer_tokens).toEqual({ input: 80, output: 32, total: 112 });

    const shown = await runEvalgate(["runs", "show", runId], { cwd });
    expect(shown.stdout).toMatch(/^tokens +40 in · 20 out · 60 total$/m);
    expect(shown.stdout).toMatch(/^judge tokens 80 in · 32 out · 112 total$/m);
  });

  it("answers a repeated run from the judge cache without calling the judge, and --no-cache calls it again", { timeout: 60_000 }, async () => {
    const { target, judge, env } = await startServers();
    const cwd = await makeWorkspace({ "evalgate.yml": CONFIG, "items.jsonl": DATASET });
    const run = (...flags: string[]) => runEvalgate(["run", "support", "--target-url", target.url, ...flags], { cwd, env });

    expect((await run()).code).toBe(0);
    expect(judge.count("chat")).toBe(4);
    expect(await readdir(path.join(cwd, ".evalgate", "cache", "judge"))).toHaveLength(4);

    expect((await run()).code).toBe(0);
    expect(judge.count("chat")).toBe(4);
    const repeated = await storedItems(cwd);
    expect(repeated.items.map((item) => (item.scores[0]?.evidence.read as { cached?: boolean }).cached)).toEqual([true, true, true, true]);
    const repeatedRun = await storedRun(cwd, repeated.runId);
    expect(repeatedRun.summary?.passed).toBe(3);
    expect(repeatedRun.summary?.scorer_tokens).toBeUndefined();

    expect((await run("--no-cache")).code).toBe(0);
    expect(judge.count("chat")).toBe(8);
  });

  it("a resumed run judges only the items it runs again", { timeout: 60_000 }, async () => {
    const { target, judge, env, state } = await startServers({ failItem: "item-3" });
    const cwd = await makeWorkspace({ "evalgate.yml": CONFIG, "items.jsonl": DATASET });

    const first = await runEvalgate(["run", "support", "--target-url", target.url], { cwd, env });
    expect(first.code).toBe(0);
    expect(judge.count("chat")).toBe(3);
    const { runId } = await storedItems(cwd);

    state.failItem = undefined;
    const resumed = await runEvalgate(["run", "support", "--target-url", target.url, "--resume", runId], { cwd, env });
    expect(resumed.code).toBe(0);
    expect(judge.count("chat")).toBe(4);
    const run = await storedRun(cwd, runId);
    expect(run.summary).toMatchObject({ total: 4, passed: 3, errored: 0 });
    expect(run.summary?.scorer_tokens).toEqual({ input: 80, output: 32, total: 112 });
  });

  it("a run cancelled while a second judge is busy resumes without asking the first judge again", { timeout: 60_000 }, async () => {
    const { target, judge, env } = await startServers();
    const config = CONFIG.replace(
      "    gate:",
      [
        "      - name: llm_judge",
        "        label: tone",
        "        config:",
        '          criteria: "TONE CHECK: the reply is polite."',
        "          model: judge-mini",
        '          provider: { base_url: "${JUDGE_BASE_URL}" }',
        "    gate:",
      ].join("\n"),
    );
    const cwd = await makeWorkspace({ "evalgate.yml": config, "items.jsonl": DATASET });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const toneAsked = (request: { body: unknown }) => JSON.stringify(request.body).includes("TONE CHECK");
    const busyJudge = await startModelServer({
      reply: async (question) => {
        if (question.user.includes("TONE CHECK")) await held;
        return shippingJudge(question);
      },
    });
    open.push({ close: async () => (release(), busyJudge.close()) });
    const busyEnv = { ...env, JUDGE_BASE_URL: busyJudge.baseUrl };
    const qualityCalls = () => busyJudge.requests.filter((request) => !toneAsked(request)).length;

    const child = spawnEvalgate(["run", "support", "--target-url", target.url], { cwd, env: busyEnv });
    child.stdin.end();
    const exited = collect(child);
    // Concurrency 2: two items have their first judge's answer and wait on the second judge.
    for (let waited = 0; busyJudge.requests.filter(toneAsked).length < 2; waited += 20) {
      if (waited > 20_000 || child.exitCode !== null) throw new Error(`the run did not reach the second judge: ${(await exited).stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(qualityCalls()).toBe(2);
    child.kill("SIGINT");
    const cancelled = await exited;
    expect(cancelled.code).toBe(3);
    const partial = await storedItems(cwd);
    expect(partial.items).toEqual([]);

    release();
    const resumed = await runEvalgate(["run", "support", "--target-url", target.url, "--resume", partial.runId], { cwd, env: busyEnv });
    expect(resumed.stderr).not.toContain("unexpected error");
    expect(resumed.code).toBe(0);
    expect(qualityCalls()).toBe(4);
    const { items } = await storedItems(cwd);
    const cached = items.map((item) => [item.item_id, (item.scores[0]?.evidence.read as { cached?: boolean }).cached ?? false]);
    expect(Object.fromEntries(cached)).toEqual({ "item-0": true, "item-1": true, "item-2": false, "item-3": false });
    expect(judge.count("chat")).toBe(0);
  });

  it("keeps the judge cache beside a --store directory", async () => {
    const { target, env } = await startServers();
    const cwd = await makeWorkspace({ "evalgate.yml": CONFIG, "items.jsonl": DATASET });
    const result = await runEvalgate(["run", "support", "--target-url", target.url, "--store", "runs"], { cwd, env });
    expect(result.code).toBe(0);
    expect(await readdir(path.join(cwd, "runs", "cache", "judge"))).toHaveLength(4);
  });
});
