import { afterEach, describe, expect, it } from "vitest";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import { startModelServer, type ModelServer } from "../helpers/openai-server.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

let target: TargetServer | undefined;
let model: ModelServer | undefined;
afterEach(async () => {
  await target?.close();
  await model?.close();
  target = undefined;
  model = undefined;
});

const VARIANTS = [
  "    inference_steps: [response_generator, classifier]",
  "    variants:",
  "      cooler: { step: response_generator, set: { temperature: 0.3 } }",
  "      gpt4o:  { from: cooler, step: response_generator, set: { model: gpt-4o } }",
  "",
].join("\n");

async function storedRun(cwd: string): Promise<Record<string, unknown>> {
  const listed = await runEvalgate(["runs", "list", "--format", "json"], { cwd });
  const [newest] = JSON.parse(listed.stdout) as { id: string }[];
  const shown = await runEvalgate(["runs", "show", newest!.id, "--format", "json"], { cwd });
  return JSON.parse(shown.stdout) as Record<string, unknown>;
}

describe("evalgate run --variant", () => {
  it("sends the variant's effective overrides, keyed by step, in every request body and records the variant", async () => {
    target = await startArithmeticTarget();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig() + VARIANTS, "items.jsonl": arithmeticDataset(3) });
    expect((await runEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd })).code).toBe(0);
    target.bodies.length = 0;
    const result = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--variant", "gpt4o"], { cwd });
    expect(result.stderr).not.toContain("error:");
    expect(result.code).toBe(0);
    const bodies = (target.bodies as { item_id: string }[]).sort((a, b) => a.item_id.localeCompare(b.item_id));
    const run = await storedRun(cwd);
    expect(bodies).toEqual(
      [0, 1, 2].map((i) => ({
        input: { question: `${i}+${i}` },
        item_id: `item-${i}`,
        run_id: run.id,
        experiment: {
          name: "arithmetic",
          variant: "gpt4o",
          overrides: { response_generator: { temperature: 0.3, model: "gpt-4o" } },
        },
      })),
    );
    expect(run.variant).toBe("gpt4o");
    const shown = await runEvalgate(["runs", "show", String(run.id)], { cwd });
    expect(shown.stdout).toMatch(/variant\s+gpt4o/);
    expect(run.experiment_definition).toMatchObject({ inference_steps: ["response_generator", "classifier"] });

    const resumed = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--resume", String(run.id)], { cwd });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain(`--resume ${String(run.id)}: that run is of variant gpt4o, not the baseline (no --variant); resume it with --variant gpt4o`);
    const tree = await runEvalgate(["variants", "list", "arithmetic", "--format", "json"], { cwd });
    expect((JSON.parse(tree.stdout) as { status: string }[])[0]?.status).toBe("idle (passed)");
  }, 30_000);

  it("without --variant the run is the baseline: no variant and no overrides are sent", async () => {
    target = await startArithmeticTarget();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig() + VARIANTS, "items.jsonl": arithmeticDataset(1) });
    const result = await runEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd });
    expect(result.code).toBe(0);
    expect(target.bodies[0]).toMatchObject({ experiment: { name: "arithmetic" } });
    expect((target.bodies[0] as { experiment: object }).experiment).not.toHaveProperty("overrides");
    expect(await storedRun(cwd)).not.toHaveProperty("variant");
  });

  it("an unknown variant exits 2 listing the known ones, and calls nothing", async () => {
    target = await startArithmeticTarget();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig() + VARIANTS, "items.jsonl": arithmeticDataset(1) });
    const result = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--variant", "hotter"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--variant hotter: experiment "arithmetic" has no such variant; its variants are: cooler, gpt4o');
    expect(target.requests).toBe(0);
  });

  it("a prompt target applies the overrides of its step (the first inference step by default) to its request", async () => {
    model = await startModelServer({ reply: () => "4" });
    const config = [
      "version: 1",
      "experiments:",
      "  support:",
      "    dataset: items.jsonl",
      "    target:",
      "      type: prompt",
      `      base_url: ${model.baseUrl}`,
      "      model: gpt-4o-mini",
      "      system: You add numbers.",
      '      prompt: "{{input.question}}"',
      "    scorers: [{ name: contains, config: { value: '4' } }]",
      "    inference_steps: [response_generator, classifier]",
      "    variants:",
      "      cooler:  { step: response_generator, set: { temperature: 0.3 } }",
      "      gpt4o:   { from: cooler, step: response_generator, set: { model: gpt-4o } }",
      "      curt:    { from: gpt4o, step: response_generator, set: { system: Answer with a number only. } }",
      "      ignored: { step: classifier, set: { temperature: 1.5 } }",
      "",
    ].join("\n");
    const cwd = await makeWorkspace({ "evalgate.yml": config, "items.jsonl": JSON.stringify({ id: "a", input: { question: "2+2" } }) + "\n" });
    expect((await runEvalgate(["run", "support"], { cwd })).code).toBe(0);
    expect(model.requests.at(-1)?.body).toMatchObject({ model: "gpt-4o-mini", messages: [{ role: "system", content: "You add numbers." }, {}] });
    expect((await runEvalgate(["run", "support", "--variant", "curt"], { cwd })).code).toBe(0);
    expect(model.requests.at(-1)?.body).toEqual({
      model: "gpt-4o",
      temperature: 0.3,
      messages: [
        { role: "system", content: "Answer with a number only." },
        { role: "user", content: "2+2" },
      ],
    });
    expect((await runEvalgate(["run", "support", "--variant", "ignored"], { cwd })).code).toBe(0);
    expect(model.requests.at(-1)?.body).toMatchObject({ model: "gpt-4o-mini" });
    expect(model.requests.at(-1)?.body).not.toHaveProperty("temperature");
  }, 30_000);
});
