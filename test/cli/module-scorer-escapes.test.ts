import { afterEach, describe, expect, it } from "vitest";
import { makeWorkspace, runEvalgate } from "../helpers/cli.js";
import { startTarget, type TargetServer } from "../helpers/target-server.js";

let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

function config(module: string): string {
  return [
    "version: 1",
    "experiments:",
    "  e:",
    "    dataset: items.jsonl",
    '    target: { type: http, url: "${EVALGATE_TARGET_URL}/agent" }',
    `    scorers: [{ name: module, config: { path: ${module} } }]`,
    "    gate: { passed_threshold: 0 }",
    "",
  ].join("\n");
}

describe("a module scorer cannot end a run with a pass", () => {
  it.each([
    ["exit.mjs", "process.exit(0);\nexport default () => ({ score: 1 });\n"],
    ["reject.mjs", 'export default () => { Promise.reject(new Error("floating")); return { score: 1 }; };\n'],
    ["late.mjs", 'export default () => { setTimeout(() => { throw new Error("late"); }, 5); return { score: 1 }; };\n'],
  ])("%s: the run exits 3 (could not complete), never 0 or 1", async (file, source) => {
    target = await startTarget({ respond: () => ({ json: { output: "ok" } }) });
    const cwd = await makeWorkspace({
      "evalgate.yml": config(file),
      "items.jsonl": '{"id":"a","input":"x"}\n{"id":"b","input":"y"}\n',
      [file]: source,
    });
    const result = await runEvalgate(["run", "e", "--target-url", target.url], { cwd });
    expect(result.code).toBe(3);
  });
});
