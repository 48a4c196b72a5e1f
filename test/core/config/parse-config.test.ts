import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/core/config/load.js";
import { UserError } from "../../../src/core/errors.js";

const FIXTURE = new URL("../../fixtures/configs/evalgate.yml", import.meta.url);

/** The message of the UserError that parsing `text` throws. */
function configError(text: string): string {
  try {
    parseConfig(text, "evalgate.yml");
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).message;
  }
  throw new Error("expected parseConfig to throw");
}

const VALID_EXPERIMENT = `version: 1
experiments:
  orders:
    dataset: evals/orders.jsonl
    target:
      type: http
      url: http://127.0.0.1:8080/agent
    scorers:
      - json_valid
`;

describe("parseConfig", () => {
  it("parses the product's example config and applies defaults", async () => {
    const config = parseConfig(await readFile(FIXTURE, "utf8"), "evalgate.yml");
    const quality = config.experiments["support-agent-quality"]!;
    expect(quality.target).toMatchObject({
      type: "http",
      method: "POST",
      url: "${EVALGATE_TARGET_URL}/api/agent",
      timeout: 30_000,
      output: "output",
    });
    expect(quality.scorers[1]).toEqual({
      name: "tool_called",
      label: "tool_called",
      config: { tool: "search_orders" },
    });
    expect(quality.concurrency).toBe(16);
    const summaries = config.experiments.summaries!;
    expect(summaries.concurrency).toBe(8);
    expect(summaries.retries).toBe(3);
    expect(summaries.max_error_rate).toBe(0.2);
    expect(summaries.gate).toEqual({ passed_threshold: 1 });
    expect(summaries.scorers).toEqual([{ name: "json_valid", label: "json_valid", config: {} }]);
  });

  it("a missing field names the file, the line of its parent and the field", () => {
    const message = configError(VALID_EXPERIMENT.replace("    dataset: evals/orders.jsonl\n", ""));
    expect(message).toBe("evalgate.yml:3: experiments.orders.dataset: required (expected string)");
  });

  it("a value of the wrong type names its own line", () => {
    const message = configError(`${VALID_EXPERIMENT}    concurrency: "8"\n`);
    expect(message).toBe("evalgate.yml:10: experiments.orders.concurrency: expected number, received string");
  });

  it("an unknown key is named, with the known key it resembles", () => {
    const message = configError(`${VALID_EXPERIMENT}    concurency: 4\n`);
    expect(message).toBe(
      "evalgate.yml:10: experiments.orders: unknown key 'concurency' (did you mean 'concurrency'?)",
    );
  });

  it("an unknown key far from every known key gets no suggestion", () => {
    const message = configError(`${VALID_EXPERIMENT}    parallelism: 4\n`);
    expect(message).toBe("evalgate.yml:10: experiments.orders: unknown key 'parallelism'");
  });

  it("a duration without a unit says how to write one", () => {
    const message = configError(VALID_EXPERIMENT.replace("url: http://127.0.0.1:8080/agent", "$&\n      timeout: 30"));
    expect(message).toBe(
      'evalgate.yml:8: experiments.orders.target.timeout: write a duration with a unit, e.g. "30s" or "500ms"',
    );
  });

  it("a scorer whose config is not an object says what is wrong with it, not 'Invalid input'", () => {
    const message = configError(`${VALID_EXPERIMENT}      - { name: tool_called, config: 3 }\n`);
    expect(message).toBe("evalgate.yml:10: experiments.orders.scorers[1].config: expected object, received number");
  });

  it("a scorer that is neither a name nor an object says which shapes are accepted", () => {
    const message = configError(`${VALID_EXPERIMENT}      - 5\n`);
    expect(message).toBe("evalgate.yml:10: experiments.orders.scorers[1]: expected string or object, received number");
  });

  it("an unknown target type lists the known ones", () => {
    const message = configError(VALID_EXPERIMENT.replace("type: http", "type: htp"));
    expect(message).toBe(
      'evalgate.yml:6: experiments.orders.target.type: expected one of http, command, prompt (got "htp")',
    );
  });

  it("a YAML syntax error names the file, line and column", () => {
    const message = configError("version: 1\nexperiments:\n  orders: {dataset: x\n");
    expect(message).toMatch(/^evalgate\.yml:4:1: Flow map .*must be sufficiently indented and end with a \}$/);
  });

  it("a duplicate key is a YAML error at its line", () => {
    const message = configError("version: 1\nversion: 1\nexperiments: {}\n");
    expect(message).toMatch(/^evalgate\.yml:2:1: Map keys must be unique/);
  });

  it("reports every problem at once, one line each, in file order", () => {
    const message = configError(
      VALID_EXPERIMENT.replace("version: 1", "version: 2").replace("type: http", "type: http\n      method: GET") +
        "    gate: { passed_threshold: 2 }\n",
    );
    expect(message.split("\n")).toEqual([
      "evalgate.yml:1: version: expected 1 (got 2)",
      'evalgate.yml:7: experiments.orders.target.method: expected one of POST, PUT (got "GET")',
      "evalgate.yml:11: experiments.orders.gate.passed_threshold: must be <= 1",
    ]);
  });

  it("an empty file says how to start one", () => {
    expect(configError("")).toBe('evalgate.yml: the file is empty; start it with "version: 1" and "experiments:"');
  });

  it("a config without experiments asks for one", () => {
    expect(configError("version: 1\nexperiments: {}\n")).toBe(
      "evalgate.yml:2: experiments: define at least one experiment",
    );
  });

  it("an experiment name with a space is refused at its line", () => {
    const message = configError(VALID_EXPERIMENT.replace("  orders:", '  "my orders":'));
    expect(message).toBe(
      "evalgate.yml:3: experiments.my orders: experiment names use letters, digits, '.', '_' and '-'",
    );
  });
});
