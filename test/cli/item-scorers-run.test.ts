import { afterEach, describe, expect, it } from "vitest";
import { makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { storedItems } from "./stored-runs.js";
import { startArithmeticTarget } from "./workspace-config.js";

let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

const CONFIG = [
  "version: 1",
  "experiments:",
  "  routed:",
  "    dataset: items.jsonl",
  '    target: { type: http, url: "${EVALGATE_TARGET_URL}/agent", timeout: 5s }',
  "    scorers:",
  "      - { name: equals, config: { output_path: answer, field: expected.answer }, when: { metadata.kind: math } }",
  "    gate: { passed_threshold: 0 }",
  "    max_error_rate: 0.5",
  "  weighted:",
  "    dataset: items.jsonl",
  '    target: { type: http, url: "${EVALGATE_TARGET_URL}/agent", timeout: 5s }',
  "    scorers:",
  "      - { name: equals, config: { output_path: answer, field: expected.answer } }",
  "      - { name: latency_max, weight: 3, config: { ms: 5000 } }",
  "    pass_rule: weighted",
  "    item_threshold: 0.7",
  "    gate: { passed_threshold: 0 }",
  "    max_error_rate: 0.5",
  "",
].join("\n");

const math = (id: string, question: string, answer: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, input: { question }, expected: { answer }, metadata: { kind: "math" }, ...extra });

const ITEMS = [
  math("right", "1+1", 2),
  math("wrong", "2+2", 5),
  // The experiment's equals does not apply (kind chat); the item brings its own scorer.
  JSON.stringify({
    id: "own",
    input: { question: "3+3" },
    metadata: { kind: "chat" },
    scorers: [{ name: "equals", label: "six", config: { output_path: "answer", value: 6 } }],
  }),
  // Nobody judges it: an error, not a pass.
  JSON.stringify({ id: "unjudged", input: { question: "4+4" }, metadata: { kind: "chat" } }),
  // Its own scorer replaces the experiment's equals, which would fail it.
  math("replaced", "5+5", 99, { scorers: [{ name: "latency_max", config: { ms: 5000 } }], scorers_mode: "replace" }),
  "",
].join("\n");

describe("evalgate run with per-item scorers, when and pass_rule", () => {
  it("judges each item by its own scorers and the experiment's that apply to it", async () => {
    target = await startArithmeticTarget();
    const cwd = await makeWorkspace({ "evalgate.yml": CONFIG, "items.jsonl": ITEMS });
    const ran = await runEvalgate(["run", "routed", "--target-url", target.url], { cwd });
    expect(ran.stderr).not.toContain("unexpected error");
    expect(ran.code).toBe(0);
    const { items } = await storedItems(cwd);
    const byId = Object.fromEntries(items.map((item) => [item.item_id, item]));
    const judged = (id: string) => [byId[id]!.status, byId[id]!.scores.map((score) => score.scorer)];
    expect(judged("right")).toEqual(["passed", ["equals"]]);
    expect(judged("wrong")).toEqual(["failed", ["equals"]]);
    expect(judged("own")).toEqual(["passed", ["six"]]);
    expect(judged("unjudged")).toEqual(["error", []]);
    expect(byId.unjudged!.error).toMatch(/^no scorer applies to this item/);
    expect(judged("replaced")).toEqual(["passed", ["latency_max"]]);
    expect(target.requests).toBe(5);
  });

  it("passes an item on the weighted mean: equals fails, latency_max weighs 3, 3/4 reaches 0.7", async () => {
    target = await startArithmeticTarget();
    const cwd = await makeWorkspace({ "evalgate.yml": CONFIG, "items.jsonl": [math("right", "1+1", 2), math("wrong", "2+2", 5), ""].join("\n") });
    const ran = await runEvalgate(["run", "weighted", "--target-url", target.url], { cwd });
    expect(ran.code).toBe(0);
    const { runId, items } = await storedItems(cwd);
    const wrong = items.find((item) => item.item_id === "wrong")!;
    expect(wrong.status).toBe("passed");
    expect(wrong.scores.map((score) => [score.scorer, score.passed])).toEqual([["equals", false], ["latency_max", true]]);
    const shown = await runEvalgate(["runs", "show", runId], { cwd });
    expect(shown.stdout).toMatch(/^latency_max +latency_max +weight 3 · ms: 5000$/m);
  });

  it("refuses an invalid per-item scorer with its file and line before calling the target", async () => {
    target = await startArithmeticTarget();
    const bad = [math("right", "1+1", 2), JSON.stringify({ id: "typo", input: { question: "1+2" }, scorers: ["equal"] }), ""].join("\n");
    const cwd = await makeWorkspace({ "evalgate.yml": CONFIG, "items.jsonl": bad });
    const ran = await runEvalgate(["run", "routed", "--target-url", target.url], { cwd });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/items\.jsonl:2: scorers\[0\]\.name: unknown scorer "equal" \(did you mean "equals"\?/);
    expect(target.requests).toBe(0);
    expect((await storedItems(cwd)).items).toEqual([]);
  });

  it("refuses a pass_rule rate above 1, naming the field and line", async () => {
    const cwd = await makeWorkspace({
      "evalgate.yml": CONFIG.replace("pass_rule: weighted", "pass_rule: rate >= 80"),
      "items.jsonl": math("right", "1+1", 2),
    });
    const ran = await runEvalgate(["run", "weighted", "--target-url", "http://127.0.0.1:9"], { cwd });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(
      "evalgate.yml:16: experiments.weighted.pass_rule: the rate in rate >= 80 is a fraction above 0 and at most 1, e.g. rate >= 0.8",
    );
  });
});
