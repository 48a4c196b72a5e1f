import { describe, expect, it } from "vitest";
import { configError, runScorer } from "./run-scorer.js";

describe("json_valid", () => {
  it("passes a string that parses as JSON", async () => {
    const outcome = await runScorer("json_valid", {}, { output: '{"answer": 1}' });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence.reason).toBe("output parses as JSON (an object)");
  });

  it("fails a string that is not JSON, quoting the parser", async () => {
    const outcome = await runScorer("json_valid", {}, { output: "{answer: 1}" });
    expect(outcome).toMatchObject({ score: 0, passed: false });
    expect(outcome.evidence.reason).toMatch(/^output is not valid JSON: /);
    expect(outcome.evidence.read).toBe("{answer: 1}");
  });

  it("passes a structured output and fails a missing one", async () => {
    expect((await runScorer("json_valid", {}, { output: [1, 2] })).evidence.reason).toBe("output is an array, already JSON");
    // Only a tool-calls-only answer reaches a scorer without output: nothing to judge is an error.
    await expect(runScorer("json_valid", {}, {})).rejects.toThrow("the target answered with tool calls only");
  });
});

const ORDER_SCHEMA = {
  type: "object",
  required: ["order_id", "status"],
  properties: {
    order_id: { type: "string", pattern: "^A\\d+$" },
    status: { enum: ["open", "shipped"] },
    email: { type: "string", format: "email" },
  },
  additionalProperties: false,
};

describe("json_schema", () => {
  it("passes an output (a JSON string) that matches the schema", async () => {
    const outcome = await runScorer("json_schema", { schema: ORDER_SCHEMA }, { output: '{"order_id":"A1","status":"open"}' });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toMatchObject({ compared: ORDER_SCHEMA, reason: "output matches the schema" });
  });

  it("lists the first validation errors with their instance paths", async () => {
    const outcome = await runScorer("json_schema", { schema: ORDER_SCHEMA }, {
      output: { order_id: 7, status: "lost", email: "nope", extra: true },
    });
    expect(outcome).toMatchObject({ score: 0, passed: false });
    const reason = outcome.evidence.reason;
    expect(reason).toMatch(/^output does not match the schema: /);
    expect(reason).toContain("(root) must NOT have additional properties (extra)");
    expect(reason).toContain("/order_id must be string");
    expect(reason).toContain("/status must be equal to one of the allowed values");
    expect(reason).toContain("and 1 more"); // four errors, three shown
  });

  it("checks formats (ajv-formats)", async () => {
    const outcome = await runScorer("json_schema", { schema: ORDER_SCHEMA }, { output: { order_id: "A1", status: "open", email: "x" } });
    expect(outcome.evidence.reason).toBe('output does not match the schema: /email must match format "email"');
  });

  it("supports draft 2020-12 schemas", async () => {
    const schema = { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [{ type: "number" }] };
    expect((await runScorer("json_schema", { schema }, { output: "[1]" })).passed).toBe(true);
    expect((await runScorer("json_schema", { schema }, { output: '["a"]' })).evidence.reason).toContain("/0 must be number");
  });

  it("says when a string output is not JSON at all", async () => {
    const outcome = await runScorer("json_schema", { schema: ORDER_SCHEMA }, { output: "Sure! Here it is" });
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence.reason).toBe(
      "output is a string that is not valid JSON; as a string, output does not match the schema: (root) must be object",
    );
  });

  it("validates the value under output_path", async () => {
    const outcome = await runScorer("json_schema", { schema: { type: "integer" }, output_path: "count" }, { output: '{"count": 2.5}' });
    expect(outcome.evidence.reason).toBe("output.count does not match the schema: (root) must be integer");
  });

  it("refuses an invalid schema at config time", () => {
    expect(configError("json_schema", { schema: { type: "nope" } })).toMatch(
      /^experiments\.orders\.scorers\[0\]\.config\.schema: not a valid JSON Schema: /,
    );
    expect(configError("json_schema", { schema: "object" })).toBe(
      "experiments.orders.scorers[0].config.schema: write an inline JSON Schema object, e.g. schema: { type: object, required: [answer] }",
    );
  });

  it("stops a validation whose pattern backtracks catastrophically, within timeout", async () => {
    const schema = { type: "object", properties: { code: { type: "string", pattern: "^(a+)+$" } } };
    const output = { code: "a".repeat(40) + "!" };
    await expect(runScorer("json_schema", { schema, timeout: "50ms" }, { output })).rejects.toThrow(
      /^json_schema validation timed out after 50 ms; simplify the schema's pattern/,
    );
    expect((await runScorer("json_schema", { schema, timeout: "50ms" }, { output: { code: "aaa" } })).passed).toBe(true);
  });
});
