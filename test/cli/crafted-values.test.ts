import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import { startTarget, type TargetResponse, type TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

let target: TargetServer;
beforeAll(async () => {
  target = await startArithmeticTarget();
});
afterAll(async () => target.close());

interface Case {
  /** Files of the workspace; evalgate.yml defaults to the arithmetic config. */
  files?: Record<string, string | Uint8Array>;
  args?: string[];
  /** Text stderr must contain: the value's name and what is wrong. */
  says: string;
}

const billionLaughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...Array.from({ length: 9 }, (_, index) => {
    const [name, previous] = [String.fromCharCode(98 + index), String.fromCharCode(97 + index)];
    return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`;
  }),
].join("\n");

const CASES: Record<string, Case> = {
  "concurrency: 1e9 in the config": {
    files: { "evalgate.yml": arithmeticConfig({ concurrency: 1e9 }) },
    says: "experiments.arithmetic.concurrency: must be <= 1024",
  },
  "retries: 1e6 in the config": {
    files: { "evalgate.yml": arithmeticConfig({ retries: 1e6 }) },
    says: "experiments.arithmetic.retries: must be <= 10",
  },
  "a timeout of 99999999999m": {
    files: { "evalgate.yml": arithmeticConfig({ timeout: "99999999999m" }) },
    says: "experiments.arithmetic.target.timeout: must be at most 60m (one hour)",
  },
  "--concurrency 1e12": { args: ["--concurrency", "1e12"], says: '--concurrency: "1e12" is more than 1024' },
  "a catastrophic regex pattern of 5,000 characters": {
    files: {
      "evalgate.yml": arithmeticConfig().replace(
        "    gate:",
        `      - { name: regex, config: { pattern: "${"(a+)+".repeat(1000)}$" } }\n    gate:`,
      ),
    },
    says: "experiments.arithmetic.scorers[2].config.pattern: a pattern is at most 1000 characters",
  },
  "a NUL character in the dataset path": {
    files: { "evalgate.yml": arithmeticConfig({ dataset: '"items\\0.jsonl"' }) },
    says: "experiments.arithmetic.dataset: must not contain a NUL character",
  },
  "a billion-laughs evalgate.yml": {
    files: { "evalgate.yml": `${billionLaughs}\n${arithmeticConfig()}` },
    says: "evalgate.yml: the YAML aliases (*name) expand to too much",
  },
  "a request body that contains itself": {
    files: { "evalgate.yml": arithmeticConfig({ extraTarget: "body: &b { input: [*b] }" }) },
    says: "experiments.arithmetic.target.body.input[0]: an alias refers to a value that contains it",
  },
  "a 2 MiB evalgate.yml": {
    files: { "evalgate.yml": `# ${"x".repeat(2 * 1024 * 1024)}\n${arithmeticConfig()}` },
    says: "evalgate.yml: the config file is larger than 1 MiB",
  },
  "an evalgate.yml that is not UTF-8": {
    files: { "evalgate.yml": new Uint8Array([...new TextEncoder().encode("# caf"), 0xe9, 0x0a, ...new TextEncoder().encode(arithmeticConfig())]) },
    says: "evalgate.yml:1: the file is not valid UTF-8 (at byte 5)",
  },
  "a dataset record nested 100,000 levels deep": {
    files: { "items.jsonl": `${arithmeticDataset(1)}{"input": ${"[".repeat(100_000)}${"]".repeat(100_000)}}\n` },
    says: "items.jsonl:2: the record is nested more than 128 levels deep",
  },
  "a dataset that is not UTF-8": {
    files: { "items.jsonl": new Uint8Array([...new TextEncoder().encode(arithmeticDataset(2)), 0xc3, 0x28, 0x0a]) },
    says: "items.jsonl:3: the file is not valid UTF-8",
  },
};

describe("crafted values are refused with exit 2, a message naming them, and no stack trace", () => {
  it.each(Object.entries(CASES))("%s", async (_, { files = {}, args = [], says }) => {
    const cwd = await makeWorkspace({});
    const all: Record<string, string | Uint8Array> = { "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(3), ...files };
    for (const [name, content] of Object.entries(all)) await writeFile(path.join(cwd, name), content);
    const result = await runEvalgate(["run", "arithmetic", "--target-url", target.url, ...args], { cwd });
    expect(result.stderr).toContain(says);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toContain("unexpected error");
    expect(target.requests).toBe(0);
  });

  it("--limit 1e15 on runs list is refused, naming the flag", async () => {
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig() });
    const result = await runEvalgate(["runs", "list", "--limit", "1e15"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--limit: "1e15" is more than 1000000');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it.runIf(existsSync("/dev/zero"))("--config /dev/zero is refused, not read forever", async () => {
    const cwd = await makeWorkspace({});
    const result = await runEvalgate(["--config", "/dev/zero", "run", "arithmetic"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("/dev/zero: not a regular file (a named pipe or a device)");
  });

  it.runIf(process.platform !== "win32")("--config naming a named pipe is refused, not waited on forever", async () => {
    const cwd = await makeWorkspace({});
    execFileSync("mkfifo", [path.join(cwd, "fifo.yml")]);
    const result = await runEvalgate(["--config", "fifo.yml", "run", "arithmetic"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "evalgate: fifo.yml: not a regular file (a named pipe or a device); pass --config with the path of a YAML file\n",
    );
  });
});

describe("crafted answers from the target cost one item, never the run", () => {
  it("an answer nested 20,000 deep is an error item, a backtracking regex a scorer error, and every item is stored", async () => {
    const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
    const answers: Record<string, TargetResponse> = {
      "item-0": { raw: `{"output": ${deep(20_000)}}` },
      "item-1": { raw: `{"output": "aaa", "tool_calls": [{"name": "search", "arguments": ${deep(5_000)}}]}` },
      "item-2": { json: { output: "aaa", tool_calls: [{ name: "search", arguments: deep(5_000) }] } },
      "item-3": { json: { output: `${"a".repeat(40)}!` } },
    };
    const crafted = await startTarget({
      respond: (body) => answers[(body as { item_id: string }).item_id] ?? { json: { output: "aaa" } },
    });
    try {
      const cwd = await makeWorkspace({
        "items.jsonl": arithmeticDataset(20),
        "evalgate.yml": [
          "version: 1",
          "experiments:",
          "  crafted:",
          "    dataset: items.jsonl",
          "    target: { type: http, url: \"${EVALGATE_TARGET_URL}/agent\", timeout: 5s }",
          '    scorers: [{ name: regex, config: { pattern: "^(a+)+$" } }]',
          "    gate: { passed_threshold: 0.5 }",
          "    retries: 0",
          "",
        ].join("\n"),
      });
      const result = await runEvalgate(["run", "crafted", "--target-url", crafted.url], { cwd });
      expect(result.stderr).not.toContain("Maximum call stack");
      expect(result.code).toBe(0);
      const listed = await runEvalgate(["runs", "list", "--format", "json"], { cwd });
      const runs = JSON.parse(listed.stdout) as { id: string }[];
      expect(runs).toMatchObject([{ status: "passed", total: 20, passed: 17, failed: 1, errored: 2 }]);
      const failures = await runEvalgate(["reports", "failures", runs[0]!.id], { cwd });
      expect(failures.stdout).toContain("the response nests deeper than 128 levels");
      expect(failures.stdout).toMatch(/regex timed out after 100 ms on a 41-character\s+output/);
    } finally {
      await crafted.close();
    }
  });
});
