import { describe, expect, it } from "vitest";
import { experimentDefinition, experimentVersion } from "../../../src/core/config/experiment-version.js";
import { interpolateEnv } from "../../../src/core/config/interpolate.js";
import { parseConfig } from "../../../src/core/config/load.js";

function versionOf(yaml: string): string {
  const experiment = parseConfig(yaml, "evalgate.yml").experiments.orders!;
  return experimentVersion(experimentDefinition(experiment));
}

const CONFIG = `version: 1
experiments:
  orders:
    description: Looks up orders.
    dataset: evals/orders.jsonl
    target:
      type: http
      url: \${EVALGATE_TARGET_URL}/agent
      headers: { Authorization: "Bearer \${AGENT_TOKEN}" }
    scorers:
      - json_valid
      - { name: tool_called, config: { tool: search_orders } }
`;

const REORDERED = `version: 1
experiments:
  orders:
    scorers:
      - json_valid
      - { config: { tool: search_orders }, name: tool_called }
    target:
      headers: { Authorization: "Bearer \${AGENT_TOKEN}" }
      url: \${EVALGATE_TARGET_URL}/agent
      type: http
    dataset: evals/orders.jsonl
    description: Looks up orders.
`;

describe("experiment version", () => {
  it("is a 12-character hash that does not depend on key order", () => {
    const version = versionOf(CONFIG);
    expect(version).toMatch(/^[0-9a-f]{12}$/);
    expect(versionOf(REORDERED)).toBe(version);
  });

  it("does not change with the description, the dataset path, or written-out defaults", () => {
    const edited = CONFIG.replace("Looks up orders.", "Something else.")
      .replace("evals/orders.jsonl", "evals/other.jsonl")
      .concat("    retries: 3\n    concurrency: 8\n");
    expect(versionOf(edited)).toBe(versionOf(CONFIG));
  });

  it("changes when a scorer changes", () => {
    expect(versionOf(CONFIG.replace("search_orders", "cancel_order"))).not.toBe(versionOf(CONFIG));
    expect(versionOf(`${CONFIG}      - equals\n`)).not.toBe(versionOf(CONFIG));
  });

  it("changes when a run setting or the gate changes", () => {
    expect(versionOf(`${CONFIG}    retries: 1\n`)).not.toBe(versionOf(CONFIG));
    expect(versionOf(`${CONFIG}    gate: { passed_threshold: 0.9 }\n`)).not.toBe(versionOf(CONFIG));
  });

  it("holds no environment value, so secrets never reach a stored run", () => {
    const experiment = parseConfig(CONFIG, "evalgate.yml").experiments.orders!;
    const definition = experimentDefinition(experiment);
    const env = { EVALGATE_TARGET_URL: "http://127.0.0.1:1", AGENT_TOKEN: "s3cret-token" };
    interpolateEnv(experiment.target, env, "experiments.orders.target");
    expect(JSON.stringify(definition)).not.toContain("s3cret-token");
    expect(JSON.stringify(definition)).toContain("${AGENT_TOKEN}");
    expect(experimentVersion(definition)).toBe(versionOf(CONFIG));
  });

  it("leaves out description and dataset", () => {
    const definition = experimentDefinition(parseConfig(CONFIG, "evalgate.yml").experiments.orders!);
    expect(Object.keys(definition as object).sort()).toEqual(
      ["concurrency", "gate", "max_error_rate", "retries", "scorers", "target"],
    );
  });
});
