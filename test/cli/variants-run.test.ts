import { afterEach, describe, expect, it } from "vitest";
import { arithmeticDataset, collect, makeWorkspace, runEvalgate, spawnEvalgate } from "../helpers/cli.js";
import { startModelServer, type ModelServer } from "../helpers/openai-server.js";
import type { TargetServer } from "../helpers/target-server.js";
import { storedItems } from "./stored-runs.js";
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

  it("a variant's run repeating items, stopped with Ctrl-C, says the whole command that continues it, and that command does", { timeout: 90_000 }, async () => {
    target = await startArithmeticTarget({ latencyMs: 20 });
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ concurrency: 2 }) + VARIANTS, "items.jsonl": arithmeticDataset(120) });
    expect((await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--concurrency", "8"], { cwd })).code).toBe(0);
    const baseline = await storedItems(cwd);
    const child = spawnEvalgate(["run", "arithmetic", "--target-url", target.url, "--variant", "gpt4o", "--repeat", "2"], { cwd });
    child.stdin.end();
    const exited = collect(child);
    for (let attempt = 0; attempt < 400; attempt++) {
      const newest = await storedItems(cwd).catch(() => baseline);
      if (newest.runId !== baseline.runId && newest.items.length >= 10) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    child.kill("SIGINT");
    const stopped = await exited;
    expect(stopped.code).toBe(3);
    const { runId } = await storedItems(cwd);
    expect(runId).not.toBe(baseline.runId);
    const printed = `evalgate run arithmetic --resume ${runId} --variant gpt4o --repeat 2`;
    expect(stopped.stderr).toContain(`cancelled; continue it with: ${printed}\n`);
    // runs show fits 80 columns and still shows the whole command: wrapped, continued with " \\" as a shell reads it.
    const shown = (await runEvalgate(["runs", "show", runId], { cwd })).stdout.split("\n");
    expect(shown.every((line) => line.length <= 80)).toBe(true);
    const from = shown.findIndex((line) => line.startsWith("continue "));
    const to = shown.findIndex((line, index) => index >= from && !line.endsWith(" \\"));
    const pasted = shown.slice(from, to + 1).map((line) => line.replace(/ \\$/, "")).join(" ").replace(/^continue\s+/, "").replace(/\s+/g, " ");
    expect(pasted).toBe(printed);

    // Typed as printed (with the target URL the run needs), it finishes the run: no refusal for a missing flag.
    const resumed = await runEvalgate([...printed.split(" ").slice(1), "--target-url", target.url], { cwd });
    expect(resumed.stderr).not.toContain("--resume");
    expect(resumed.code).toBe(0);
    expect((await storedItems(cwd)).items).toHaveLength(120);
  });

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
