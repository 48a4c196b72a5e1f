import { afterEach, describe, expect, it } from "vitest";
import { makeWorkspace, runEvalgate } from "../helpers/cli.js";
import { startTarget, type TargetServer } from "../helpers/target-server.js";

let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

const CONFIG = [
  "version: 1",
  "experiments:",
  "  e:",
  "    dataset: items.jsonl",
  '    target: { type: http, url: "${EVALGATE_TARGET_URL}/agent" }',
  "    scorers: [json_valid]",
  "    gate: { passed_threshold: 0 }",
  "",
].join("\n");

describe("scorers given in a dataset record are data, not code", () => {
  it("a record naming a command scorer is refused before any call, naming the line", async () => {
    target = await startTarget({ respond: () => ({ json: { output: "{}" } }) });
    const record = { id: "a", input: "x", scorers: [{ name: "command", config: { run: "touch pwned" } }] };
    const cwd = await makeWorkspace({ "evalgate.yml": CONFIG, "items.jsonl": `{"id":"ok","input":"y"}\n${JSON.stringify(record)}\n` });
    const result = await runEvalgate(["run", "e", "--target-url", target.url], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("items.jsonl:2");
    expect(result.stderr).toContain('"command" calls out, so it cannot be given in a dataset record');
    expect(target.requests).toBe(0);
  });

  it("a record's ${NAME} is read literally, never from the environment", async () => {
    target = await startTarget({ respond: () => ({ json: { output: "the value is ${SECRET_FOR_TEST}" } }) });
    const record = { id: "a", input: "x", scorers: [{ name: "contains", label: "lit", config: { value: "${SECRET_FOR_TEST}" } }] };
    const cwd = await makeWorkspace({ "evalgate.yml": CONFIG, "items.jsonl": `${JSON.stringify(record)}\n` });
    const result = await runEvalgate(["run", "e", "--target-url", target.url], { cwd, env: { SECRET_FOR_TEST: "hunter2" } });
    // The literal text is in the output, the secret is not: only a literal reading passes.
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("hunter2");
  });
});
