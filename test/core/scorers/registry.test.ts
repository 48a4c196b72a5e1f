import { describe, expect, it } from "vitest";
import { ScorerRefSchema } from "../../../src/core/config/schema.js";
import { UserError } from "../../../src/core/errors.js";
import { builtinScorers, resolveScorers } from "../../../src/core/scorers/registry.js";

const refs = (...written: unknown[]) => written.map((entry) => ScorerRefSchema.parse(entry));

function problems(written: unknown[]): string[] {
  try {
    resolveScorers(refs(...written), "experiments.orders.scorers");
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).message.split("\n");
  }
  throw new Error("expected resolveScorers to refuse");
}

describe("builtinScorers", () => {
  it("holds every documented scorer under its own name, each described", () => {
    expect([...builtinScorers.keys()].sort()).toEqual([
      "bleu",
      "contains",
      "contains_json",
      "cost_max",
      "equals",
      "icontains",
      "json_match",
      "json_schema",
      "json_valid",
      "latency_max",
      "levenshtein",
      "max_tool_calls",
      "no_errors",
      "not_contains",
      "numeric_range",
      "regex",
      "rouge_n",
      "starts_with",
      "tokens_max",
      "tool_called",
      "tool_not_called",
      "tool_params_match",
      "tool_sequence",
    ]);
    for (const [name, definition] of builtinScorers) {
      expect(definition.name).toBe(name);
      expect(definition.description.length).toBeGreaterThan(20);
    }
  });
});

describe("resolveScorers", () => {
  it("resolves the scorers of the PRODUCT example with their labels", () => {
    const resolved = resolveScorers(
      refs("json_valid", { name: "tool_called", config: { tool: "search_orders" } }, { name: "equals", label: "answer", config: { field: "expected" } }),
      "experiments.support.scorers",
    );
    expect(resolved.map(({ label, name }) => ({ label, name }))).toEqual([
      { label: "json_valid", name: "json_valid" },
      { label: "tool_called", name: "tool_called" },
      { label: "answer", name: "equals" },
    ]);
    expect(resolved.every((scorer) => typeof scorer.fn === "function")).toBe(true);
  });

  it("names an unknown scorer's path, suggests the closest name and lists the known ones", () => {
    expect(problems(["json_valid", "contains", "equal"])).toEqual([
      `experiments.orders.scorers[2].name: unknown scorer "equal" (did you mean "equals"? known: ${[...builtinScorers.keys()].sort().join(", ")})`,
    ]);
  });

  it("makes no suggestion when nothing is close", () => {
    const [line] = problems(["sentiment_score"]);
    expect(line).toMatch(/^experiments\.orders\.scorers\[0\]\.name: unknown scorer "sentiment_score" \(known: [a-z_, ]+\)$/);
  });

  it("reports every bad entry at once, one line each with its full path", () => {
    expect(
      problems([
        { name: "tool_called", config: { tool: 3 } },
        { name: "regex", config: { pattern: "[" } },
        { name: "equals", config: { trim: "yes" } },
        { name: "latency_max", config: { ms: 100, unit: "s" } },
      ]),
    ).toEqual([
      "experiments.orders.scorers[0].config.tool: name the tool, e.g. tool: search_orders",
      expect.stringMatching(/^experiments\.orders\.scorers\[1\]\.config\.pattern: not a valid regular expression/),
      "experiments.orders.scorers[2].config.trim: expected boolean, received string",
      "experiments.orders.scorers[3].config: unknown key 'unit'",
    ]);
  });

  it("refuses two scorers with the same label and says to set label:", () => {
    expect(problems(["contains", { name: "tool_called", config: { tool: "a" } }, { name: "tool_called", config: { tool: "b" } }])).toEqual([
      'experiments.orders.scorers[2]: the label "tool_called" is already used by experiments.orders.scorers[1]; give one of them its own label, e.g. { name: tool_called, label: tool_called_2, config: … }',
    ]);
  });

  it("accepts the same scorer twice under different labels", () => {
    const resolved = resolveScorers(
      refs({ name: "tool_called", label: "searched", config: { tool: "a" } }, { name: "tool_called", label: "looked_up", config: { tool: "b" } }),
      "experiments.orders.scorers",
    );
    expect(resolved.map((scorer) => scorer.label)).toEqual(["searched", "looked_up"]);
  });
});
