import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/core/config/load.js";
import { prepareExperiment, type PreparedExperiment } from "../../../src/engine/prepare-experiment.js";
import { runExperiment } from "../../../src/engine/run-experiment.js";
import { openEmbeddedStore } from "../../../src/store/open-store.js";
import { makeWorkspace } from "../../helpers/cli.js";
import { startTarget, type TargetResponse } from "../../helpers/target-server.js";
import { context, ITEM } from "./target-fixtures.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((step) => step()));
});

/** A local OpenAI-compatible chat completions API on 127.0.0.1 that keeps what it was sent. */
async function startChatApi(reply: (body: unknown) => TargetResponse = () => ({ json: COMPLETION })) {
  const server = await startTarget({ respond: (body) => reply(body) });
  cleanup.push(() => server.close());
  return { baseUrl: `${server.url}/v1`, bodies: server.bodies };
}

const COMPLETION = {
  id: "chatcmpl-1",
  model: "gpt-4o-mini-2024-07-18",
  choices: [{ index: 0, message: { role: "assistant", content: "It has shipped." }, finish_reason: "stop" }],
  usage: { prompt_tokens: 1000, completion_tokens: 200, total_tokens: 1200, prompt_tokens_details: { cached_tokens: 400 } },
};

const SUPPORT_PROMPT = `
description: The support agent's answer to one customer question.
model: gpt-4o-mini
temperature: 0.2
top_p: 0.9
max_tokens: 300
messages:
  - role: system
    content: You are ACME's support agent. Answer in {{metadata.lang}}.
  - role: user
    content: "Customer: {{input.question}}"
  - role: assistant
    content: "Expected: {{expected.answer}}"
tools:
  - type: function
    function:
      name: search_orders
      description: Look up an order by its number.
      parameters: { type: object, properties: { order: { type: integer } }, required: [order] }
`;

const DATASET = `${JSON.stringify({ id: "item-1", input: ITEM.input, expected: ITEM.expected, metadata: ITEM.metadata })}\n`;

function configText(baseUrl: string, target: string, prices = ""): string {
  return `version: 1
${prices}experiments:
  support:
    dataset: evals/support.jsonl
    target:
      type: prompt
      base_url: ${baseUrl}
${target
  .trim()
  .split("\n")
  .map((line) => `      ${line}`)
  .join("\n")}
    scorers:
      - { name: tool_called, config: { tool: search_orders } }
`;
}

/** A project folder with evalgate.yml, a dataset and `files`; the experiment prepared as the CLI does. */
async function prepare(config: string, files: Record<string, string> = {}) {
  const dir = await makeWorkspace({ "evalgate.yml": config, "evals/support.jsonl": DATASET, ...files });
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return { dir, prepared: await prepareIn(dir, config) };
}

async function prepareIn(dir: string, config: string): Promise<PreparedExperiment> {
  const parsed = parseConfig(config, "evalgate.yml");
  const prepared = await prepareExperiment({
    name: "support",
    experiment: parsed.experiments.support!,
    configDir: dir,
    env: {},
    prices: parsed.prices,
  });
  cleanup.push(async () => prepared.target.close?.());
  return prepared;
}

describe("prompt target with a prompt file", () => {
  it("sends the file's messages rendered for the item, its tools, model, temperature, top_p and max_tokens", async () => {
    const api = await startChatApi();
    const { prepared } = await prepare(configText(api.baseUrl, "prompt_file: prompts/support.yaml"), {
      "prompts/support.yaml": SUPPORT_PROMPT,
    });
    const result = await prepared.target.call(ITEM, context());
    expect(api.bodies[0]).toEqual({
      model: "gpt-4o-mini",
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 300,
      tools: [
        {
          type: "function",
          function: {
            name: "search_orders",
            description: "Look up an order by its number.",
            parameters: { type: "object", properties: { order: { type: "integer" } }, required: ["order"] },
          },
        },
      ],
      messages: [
        { role: "system", content: "You are ACME's support agent. Answer in en." },
        { role: "user", content: "Customer: Where is order 42?" },
        { role: "assistant", content: "Expected: shipped" },
      ],
    });
    // The model asked for, not the response's dated snapshot: the price table is keyed by it.
    expect(result).toMatchObject({ output: "It has shipped.", model: "gpt-4o-mini" });
    expect(prepared.target.description).toContain("(gpt-4o-mini, prompts/support.yaml)");
  });

  it("a JSON prompt file works the same", async () => {
    const api = await startChatApi();
    const file = JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: "Q: {{input.question}}" }] });
    const { prepared } = await prepare(configText(api.baseUrl, "prompt_file: prompts/support.json"), {
      "prompts/support.json": file,
    });
    await prepared.target.call(ITEM, context());
    expect(api.bodies[0]).toEqual({ model: "gpt-4o", messages: [{ role: "user", content: "Q: Where is order 42?" }] });
  });

  it("fields set in evalgate.yml override the file's, and the run's overrides for the prompt step override both", async () => {
    const api = await startChatApi();
    const { prepared } = await prepare(
      configText(api.baseUrl, "prompt_file: prompts/support.yaml\nmodel: gpt-4o\ntemperature: 0"),
      { "prompts/support.yaml": SUPPORT_PROMPT },
    );
    await prepared.target.call(ITEM, context());
    expect(api.bodies[0]).toMatchObject({ model: "gpt-4o", temperature: 0, top_p: 0.9, max_tokens: 300 });
    await prepared.target.call(ITEM, context({ overrides: { prompt: { temperature: 0.7 } } }));
    expect(api.bodies[1]).toMatchObject({ model: "gpt-4o", temperature: 0.7 });
  });

  it("editing the prompt file makes a new experiment version; the same content keeps it", async () => {
    const api = await startChatApi();
    const config = configText(api.baseUrl, "prompt_file: prompts/support.yaml");
    const { dir, prepared: first } = await prepare(config, { "prompts/support.yaml": SUPPORT_PROMPT });
    const again = await prepareIn(dir, config);
    expect(again.version).toBe(first.version);
    await writeFile(path.join(dir, "prompts/support.yaml"), SUPPORT_PROMPT.replace("temperature: 0.2", "temperature: 0.3"));
    const edited = await prepareIn(dir, config);
    expect(edited.version).not.toBe(first.version);
    expect(edited.definition).toMatchObject({ prompt_files: { "prompts/support.yaml": expect.stringMatching(/^sha256:[0-9a-f]{64}$/) } });
  });

  it("captures the tool calls of an answer that is only tool calls, as an answer", async () => {
    const api = await startChatApi(() => ({
      json: {
        ...COMPLETION,
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: null,
              tool_calls: [{ id: "call_1", type: "function", function: { name: "search_orders", arguments: '{"order":42}' } }],
            },
            finish_reason: "tool_calls",
          },
        ],
      },
    }));
    const { dir, prepared } = await prepare(configText(api.baseUrl, "prompt_file: prompts/support.yaml"), {
      "prompts/support.yaml": SUPPORT_PROMPT,
    });
    const store = await openEmbeddedStore(path.join(dir, ".evalgate"));
    cleanup.push(() => store.close());
    const outcome = await runExperiment({ prepared, store });
    expect(outcome.run.status).toBe("passed");
    const items = [];
    for await (const item of store.runItems(outcome.run.id)) items.push(item);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      status: "passed",
      tool_calls: [{ name: "search_orders", arguments: { order: 42 } }],
    });
    expect(items[0]!.error).toBeUndefined();
  });
});

describe("a bad prompt file is refused before anything is called, naming the file and the field", () => {
  const cases: [string, string, string[]][] = [
    [
      "an unknown role",
      "model: gpt-4o\nmessages:\n  - role: user\n    content: Hi {{input}}\n  - role: robot\n    content: Beep\n",
      ['prompts/support.yaml:5: messages[1].role: expected one of system, developer, user, assistant (got "robot")'],
    ],
    [
      "a misspelt setting",
      "model: gpt-4o\ntemprature: 0.2\nmessages:\n  - { role: user, content: Hi }\n",
      ["prompts/support.yaml:2: unknown key 'temprature' (did you mean 'temperature'?)"],
    ],
    [
      "an unknown placeholder",
      "model: gpt-4o\nmessages:\n  - role: user\n    content: Hi {{question}}\n",
      ["prompts/support.yaml:4: messages[0].content: unknown placeholder {{question}} (use {{input}}"],
    ],
    [
      "no messages",
      "model: gpt-4o\ntemperature: 3\n",
      ["prompts/support.yaml:1: messages: required", "prompts/support.yaml:2: temperature: must be <= 2"],
    ],
    [
      "a tool without a name",
      "model: gpt-4o\nmessages: [{ role: user, content: Hi }]\ntools:\n  - type: function\n    function: { description: nameless }\n",
      ["prompts/support.yaml:5: tools[0].function.name: required"],
    ],
    ["broken YAML", "messages: [\n", ["prompts/support.yaml:2:1:"]],
    ["a duplicate key", "model: a\nmodel: b\nmessages: [{ role: user, content: Hi }]\n", ["prompts/support.yaml:2:1: Map keys must be unique"]],
    ["an empty file", "# nothing yet\n", ['prompts/support.yaml: the prompt file is empty; write "messages:"']],
  ];

  it.each(cases)("%s", async (_, content, expected) => {
    const config = configText("http://127.0.0.1:9/v1", "prompt_file: prompts/support.yaml");
    const error = await prepare(config, { "prompts/support.yaml": content }).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );
    expect(error?.name).toBe("UserError");
    for (const line of expected) expect(error?.message).toContain(line);
    expect(error?.message).toContain("(prompt file of experiments.support.target.prompt_file)");
  });

  it("a missing prompt file names the config field", async () => {
    const config = configText("http://127.0.0.1:9/v1", "prompt_file: prompts/missing.yaml");
    await expect(prepare(config)).rejects.toThrow('experiments.support.target.prompt_file: "prompts/missing.yaml" not found');
  });

  it("a prompt file outside the project is refused", async () => {
    const config = configText("http://127.0.0.1:9/v1", "prompt_file: ../outside.yaml");
    await expect(prepare(config)).rejects.toThrow("experiments.support.target.prompt_file: \"../outside.yaml\" is outside the project");
  });

  it("no model in the file nor in evalgate.yml is refused at the target's model field", async () => {
    const config = configText("http://127.0.0.1:9/v1", "prompt_file: prompts/support.yaml");
    await expect(
      prepare(config, { "prompts/support.yaml": "messages: [{ role: user, content: Hi }]\n" }),
    ).rejects.toThrow("experiments.support.target.model: required");
  });

  it("prompt: prompts/support.yaml (the issue's spelling) reads the prompt file, as prompt_file does", async () => {
    const api = await startChatApi();
    const { prepared } = await prepare(configText(api.baseUrl, "prompt: prompts/support.yaml"), {
      "prompts/support.yaml": SUPPORT_PROMPT,
    });
    await prepared.target.call(ITEM, context());
    expect((api.bodies[0] as { model: string }).model).toBe("gpt-4o-mini");
    expect(JSON.stringify(prepared.definition)).toContain('"prompt_files":{"prompts/support.yaml":"sha256:');
  });

  it("both forms at once, or an inline prompt without a model, are refused in evalgate.yml", () => {
    expect(() =>
      parseConfig(configText("http://x", "model: gpt-4o\nprompt: Hi {{input}}\nprompt_file: p.yaml"), "evalgate.yml"),
    ).toThrow("experiments.support.target.prompt_file: write prompt or prompt_file, not both");
    expect(() => parseConfig(configText("http://x", "prompt: Hi {{input}}"), "evalgate.yml")).toThrow(
      "experiments.support.target.model: required",
    );
  });
});

describe("the price table and the prompt target", () => {
  const PRICES = "prices:\n  gpt-4o-mini: { input: 0.15, output: 0.6, cached_input: 0.075 }\n  gpt-4o: { input: 2.5, output: 10 }\n";

  it("an item's cost comes from its model's prices, cached input tokens at the cached price", async () => {
    const api = await startChatApi();
    const { dir, prepared } = await prepare(configText(api.baseUrl, "prompt_file: prompts/support.yaml", PRICES), {
      "prompts/support.yaml": SUPPORT_PROMPT,
    });
    const store = await openEmbeddedStore(path.join(dir, ".evalgate"));
    cleanup.push(() => store.close());
    const outcome = await runExperiment({ prepared, store });
    const items = [];
    for await (const item of store.runItems(outcome.run.id)) items.push(item);
    // (0.15 × (1000 − 400) + 0.075 × 400 + 0.6 × 200) / 1e6 = (90 + 30 + 120) / 1e6
    expect(items[0]!.cost).toBeCloseTo(240 / 1e6, 12);
  });

  it("the prices of the prompt target's model are part of the experiment version; other models' are not", async () => {
    const api = await startChatApi();
    const files = { "prompts/support.yaml": SUPPORT_PROMPT };
    const target = "prompt_file: prompts/support.yaml";
    const { dir, prepared: priced } = await prepare(configText(api.baseUrl, target, PRICES), files);
    expect(priced.definition).toMatchObject({ prices: { "gpt-4o-mini": { input: 0.15, output: 0.6, cached_input: 0.075 } } });
    const otherRepriced = await prepareIn(dir, configText(api.baseUrl, target, PRICES.replace("output: 10", "output: 12")));
    expect(otherRepriced.version).toBe(priced.version);
    const repriced = await prepareIn(dir, configText(api.baseUrl, target, PRICES.replace("output: 0.6", "output: 0.7")));
    expect(repriced.version).not.toBe(priced.version);
  });
});
