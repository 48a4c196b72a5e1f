import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunItem } from "../../src/core/model/run-item.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { arithmeticDataset, collect, makeWorkspace, runEvalgate, spawnEvalgate } from "../helpers/cli.js";
import { startTarget, type TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

const targets: TargetServer[] = [];
afterEach(async () => {
  await Promise.all(targets.splice(0).map((target) => target.close()));
});

async function track(target: Promise<TargetServer>): Promise<TargetServer> {
  const started = await target;
  targets.push(started);
  return started;
}

interface ListedRun {
  id: string;
  status: string;
  verdict: string;
  total: number;
  errored: number;
  pass_rate: number;
}

async function listRuns(cwd: string, experiment?: string): Promise<ListedRun[]> {
  const listed = await runEvalgate(["runs", "list", ...(experiment ? [experiment] : []), "--format", "json"], { cwd });
  expect(listed.code).toBe(0);
  return JSON.parse(listed.stdout) as ListedRun[];
}

async function runId(cwd: string, args: string[]): Promise<{ id: string; code: number | null; stderr: string; stdout: string }> {
  const result = await runEvalgate(["run", ...args], { cwd });
  const [newest] = await listRuns(cwd);
  return { id: newest!.id, code: result.code, stderr: result.stderr, stdout: result.stdout };
}

async function storedItems(cwd: string, id: string): Promise<RunItem[]> {
  const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
  try {
    const items: RunItem[] = [];
    for await (const item of store.runItems(id)) items.push(item);
    return items;
  } finally {
    await store.close();
  }
}

/** A config whose only scorers are negative ones: they pass on anything that is not there. */
function negativeScorersConfig(): string {
  return [
    "version: 1",
    "experiments:",
    "  polite:",
    "    dataset: items.jsonl",
    "    target: { type: http, url: \"${EVALGATE_TARGET_URL}/agent\", timeout: 5s }",
    "    scorers:",
    "      - { name: not_contains, config: { value: [\"I'm sorry\", \"As an AI\"] } }",
    "      - { name: regex, config: { pattern: \"^(?!.*(sorry|apolog)).*$\" } }",
    "    gate: { passed_threshold: 0.5 }",
    "    max_error_rate: 1",
    "",
  ].join("\n");
}

describe("no false green", () => {
  it("an HTTP 200 without the output field makes error items for negative scorers, never a pass", async () => {
    const target = await track(startTarget({ respond: () => ({ json: { error: "backend unavailable" } }) }));
    const cwd = await makeWorkspace({ "evalgate.yml": negativeScorersConfig(), "items.jsonl": arithmeticDataset(6) });
    const run = await runId(cwd, ["polite", "--target-url", target.url]);
    expect(run.code).toBe(3);
    const items = await storedItems(cwd, run.id);
    expect(items).toHaveLength(6);
    for (const item of items) {
      expect(item.status).toBe("error");
      expect(item.scores).toEqual([]);
      expect(item.error).toBe('the target answered with no output at "output"; the response was {"error":"backend unavailable"}');
    }
    expect((await listRuns(cwd))[0]).toMatchObject({ status: "errored", verdict: "fail", errored: 6 });
  });

  it("some answers missing: those items error and the run fails, while an empty string is an answer", async () => {
    // Items 0 and 1 get no output; item 2 an explicit null; the rest answer "" (nothing forbidden in it).
    const target = await track(
      startTarget({
        respond: (body) => {
          const id = (body as { item_id: string }).item_id;
          if (id === "item-0" || id === "item-1") return { json: { answer: "fine" } };
          if (id === "item-2") return { json: { output: null } };
          return { json: { output: "" } };
        },
      }),
    );
    const cwd = await makeWorkspace({ "evalgate.yml": negativeScorersConfig(), "items.jsonl": arithmeticDataset(8) });
    const run = await runId(cwd, ["polite", "--target-url", target.url]);
    const items = await storedItems(cwd, run.id);
    const byId = new Map(items.map((item) => [item.item_id, item]));
    expect(byId.get("item-0")?.status).toBe("error");
    expect(byId.get("item-2")?.error).toContain('the target answered with null at "output"');
    expect(byId.get("item-5")?.status).toBe("passed");
    // 5 of 8 pass = 62.5 % ≥ 50 %, max_error_rate 1: the gate passes on the items that answered.
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("8 items: 5 passed, 0 failed, 3 errored");
  });

  it("a killed candidate never passes runs compare or reports ci, even at --threshold 0", { timeout: 60_000 }, async () => {
    const target = await track(startArithmeticTarget({ latencyMs: 20 }));
    const cwd = await makeWorkspace({
      "evalgate.yml": arithmeticConfig({ threshold: 0, concurrency: 2 }),
      "items.jsonl": arithmeticDataset(300),
    });
    const baseline = await runId(cwd, ["arithmetic", "--target-url", target.url, "--name", "baseline"]);
    expect(baseline.code).toBe(0);

    const child = spawnEvalgate(["run", "arithmetic", "--target-url", target.url, "--name", "killed"], { cwd });
    child.stdin.end();
    const exited = collect(child);
    let killedId = "";
    for (let attempt = 0; attempt < 400 && killedId === ""; attempt += 1) {
      const runs = await listRuns(cwd).catch(() => []);
      const candidate = runs.find((run) => run.id !== baseline.id);
      if (candidate && (await storedItems(cwd, candidate.id)).length >= 10) killedId = candidate.id;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill("SIGKILL");
    await exited;
    expect(killedId).not.toBe("");
    const stored = (await storedItems(cwd, killedId)).length;
    expect(stored).toBeLessThan(300);

    const compared = await runEvalgate(["runs", "compare", baseline.id, killedId, "--threshold", "0"], { cwd });
    expect(compared.code).toBe(3);
    expect(compared.stdout).toContain(`the run did not finish: it stopped after ${stored} of 300 items`);
    const json = await runEvalgate(["runs", "compare", baseline.id, killedId, "--format", "json"], { cwd });
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout).verdict.verdict).toBe("fail");

    const ci = await runEvalgate(["reports", "ci", killedId, "--baseline", baseline.id], { cwd });
    expect(ci.code).toBe(3);
    const ciAlone = await runEvalgate(["reports", "ci", killedId], { cwd });
    expect(ciAlone.code).toBe(3);

    const shown = await runEvalgate(["runs", "show", killedId], { cwd });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/interrupted/);
    expect(shown.stdout).toContain(`evalgate run arithmetic --resume ${killedId}`);
    expect(shown.stdout).toContain(`stored      ${stored} of 300 items`);
    const listed = (await listRuns(cwd)).find((run) => run.id === killedId)!;
    expect(listed).toMatchObject({ status: "interrupted", total: null, pass_rate: null, verdict: null });

    const junitFile = path.join(cwd, "killed.junit");
    const exported = await runEvalgate(["reports", "export", killedId, "--artifact-format", "junit", "-o", junitFile], { cwd });
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe(`wrote ${junitFile} (junit, ${stored} items)\n`);
    const junit = await readFile(junitFile, "utf8");
    expect(junit.match(/<testcase /g)).toHaveLength(stored + 1);
    expect(junit).toContain(
      `<testcase name="run completion" classname="arithmetic" time="0.000">\n      <error message="the run did not finish: it stopped after ${stored} of 300 items`,
    );
  });

  it("an errored candidate never passes runs compare or reports ci, and its stop message counts like its summary", async () => {
    const good = await track(startArithmeticTarget());
    const broken = await track(startTarget({ respond: () => ({ status: 500, json: { error: "down" } }) }));
    const cwd = await makeWorkspace({
      "evalgate.yml": arithmeticConfig({ threshold: 0, retries: 0, concurrency: 8 }),
      "items.jsonl": arithmeticDataset(40),
    });
    const baseline = await runId(cwd, ["arithmetic", "--target-url", good.url]);
    expect(baseline.code).toBe(0);
    const errored = await runId(cwd, ["arithmetic", "--target-url", broken.url]);
    expect(errored.code).toBe(3);
    const summaryLine = /(\d+) items: \d+ passed, \d+ failed, (\d+) errored/.exec(errored.stdout);
    expect(summaryLine).not.toBeNull();
    // The message quotes the same counts as the summary, even though calls were in flight when the rule fired.
    expect(errored.stderr).toContain(`every call failed (${summaryLine![2]} of ${summaryLine![1]} items errored)`);

    expect((await runEvalgate(["runs", "compare", baseline.id, errored.id], { cwd })).code).toBe(3);
    expect((await runEvalgate(["reports", "ci", errored.id, "--baseline", baseline.id], { cwd })).code).toBe(3);
  });

  it("a cancelled candidate never passes runs compare", { timeout: 60_000 }, async () => {
    const target = await track(startArithmeticTarget({ latencyMs: 20 }));
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 0, concurrency: 2 }), "items.jsonl": arithmeticDataset(200) });
    const baseline = await runId(cwd, ["arithmetic", "--target-url", target.url]);
    const child = spawnEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd });
    child.stdin.end();
    const exited = collect(child);
    // Interrupt once the run is calling the target (its Ctrl-C handler is in place by then), not
    // after a fixed delay that a slow start under load can outlast.
    const before = target.requests;
    while (target.requests < before + 5) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill("SIGINT");
    expect((await exited).code).toBe(3);
    const cancelled = (await listRuns(cwd)).find((run) => run.status === "cancelled");
    expect(cancelled).toBeDefined();
    const compared = await runEvalgate(["runs", "compare", baseline.id, cancelled!.id, "--threshold", "0"], { cwd });
    expect(compared.code).toBe(3);
    expect(compared.stdout).toContain("the run was cancelled after");

    const junitFile = path.join(cwd, "cancelled.junit");
    expect((await runEvalgate(["reports", "export", cancelled!.id, "--artifact-format", "junit", "-o", junitFile], { cwd })).code).toBe(0);
    const suite = /<testsuite [^>]*>/.exec(await readFile(junitFile, "utf8"))?.[0] ?? "";
    expect(suite).toContain(`tests="${cancelled!.total + 1}" failures="0" errors="1"`);
  });

  it("never judges against an incomplete baseline: it would make every candidate item look like a fix", async () => {
    const good = await track(startArithmeticTarget({ wrongFor: { v1: ["item-1", "item-2"] } }));
    const broken = await track(startTarget({ respond: () => ({ status: 500, json: { error: "down" } }) }));
    const cwd = await makeWorkspace({
      "evalgate.yml": arithmeticConfig({ threshold: 0.5, maxRegressions: 0, retries: 0 }),
      "items.jsonl": arithmeticDataset(10),
    });
    const down = await runId(cwd, ["arithmetic", "--target-url", broken.url]);
    expect(down.code).toBe(3);
    const candidate = await runId(cwd, ["arithmetic", "--target-url", `${good.url}/v1`]);
    // Not a pass, and not the candidate's failure either: no verdict is possible (exit 4).
    const compared = await runEvalgate(["runs", "compare", down.id, candidate.id, "--format", "json"], { cwd });
    expect(compared.code).toBe(4);
    const { verdict } = JSON.parse(compared.stdout);
    expect(verdict.verdict).toBe("not_comparable");
    expect(verdict.reasons[0]).toContain(`the baseline ${down.id} cannot serve: it is not complete (errored)`);
    const ci = await runEvalgate(["reports", "ci", candidate.id, "--baseline", down.id], { cwd });
    expect(ci.code).toBe(4);
    expect(ci.stdout).toMatch(/NOT COMPARABLE/);
  });

  it("reports ci exits 1 when the gate fails against the baseline", async () => {
    const target = await track(startArithmeticTarget({ wrongFor: { v2: ["item-1", "item-3"] } }));
    const cwd = await makeWorkspace({
      "evalgate.yml": arithmeticConfig({ threshold: 0, maxRegressions: 0 }),
      "items.jsonl": arithmeticDataset(10),
    });
    const baseline = await runId(cwd, ["arithmetic", "--target-url", `${target.url}/v1`]);
    const candidate = await runId(cwd, ["arithmetic", "--target-url", `${target.url}/v2`]);
    // Without a baseline the run passes its gate (threshold 0); against it, 2 regressions exceed 0.
    expect(candidate.code).toBe(0);
    const ci = await runEvalgate(["reports", "ci", candidate.id, "--baseline", baseline.id], { cwd });
    expect(ci.code).toBe(1);
    expect(ci.stdout).toContain("2 regressions exceed the maximum 0");
  });

  it("refuses to compare runs of different experiments or runs that share no item, with exit 2", async () => {
    const target = await track(startArithmeticTarget());
    const config = arithmeticConfig().replace(
      "experiments:\n",
      "experiments:\n  other:\n    dataset: other.jsonl\n    target: { type: http, url: \"${EVALGATE_TARGET_URL}/agent\" }\n    scorers: [json_valid]\n",
    );
    const otherItems = arithmeticDataset(3).replaceAll('"item-', '"other-');
    const cwd = await makeWorkspace({ "evalgate.yml": config, "items.jsonl": arithmeticDataset(3), "other.jsonl": otherItems });
    const first = await runId(cwd, ["arithmetic", "--target-url", target.url]);
    const other = await runId(cwd, ["other", "--target-url", target.url]);
    const crossed = await runEvalgate(["runs", "compare", first.id, other.id], { cwd });
    expect(crossed.code).toBe(2);
    expect(crossed.stderr).toContain('are of different experiments ("arithmetic" and "other")');

    // The same experiment over a dataset whose ids are all new: nothing in common.
    const { writeFile } = await import("node:fs/promises");
    await writeFile(path.join(cwd, "items.jsonl"), otherItems);
    const disjoint = await runId(cwd, ["arithmetic", "--target-url", target.url]);
    const apart = await runEvalgate(["runs", "compare", first.id, disjoint.id], { cwd });
    expect(apart.code).toBe(2);
    expect(apart.stderr).toContain("share no item");
    const ci = await runEvalgate(["reports", "ci", disjoint.id, "--baseline", first.id], { cwd });
    expect(ci.code).toBe(2);
  });
});

describe("numbers the user sees", () => {
  it("1,999 of 2,000 passing against passed_threshold 1 shows 99.95%, never 100.0%", { timeout: 60_000 }, async () => {
    const target = await track(startArithmeticTarget({ wrongFor: { v1: ["item-1234"] } }));
    const cwd = await makeWorkspace({
      "evalgate.yml": arithmeticConfig({ threshold: 1, concurrency: 32 }),
      "items.jsonl": arithmeticDataset(2000),
    });
    const run = await runId(cwd, ["arithmetic", "--target-url", `${target.url}/v1`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("pass rate 99.95%");
    expect(run.stdout).toContain("pass rate 99.95% is below the threshold 100.0%");
    expect(run.stdout).not.toMatch(/pass rate 100\.0%/);
    // equals fails one item in 2,000; its own pass rate is shown honestly too.
    expect(run.stdout).toMatch(/^equals +\S+ +99\.95% /m);
    const [listed] = await listRuns(cwd);
    expect(listed!.pass_rate).toBe(0.9995);
    const csv = await runEvalgate(["runs", "list", "--format", "csv"], { cwd });
    expect(csv.stdout).toContain("0.9995");
    const ci = await runEvalgate(["reports", "ci", run.id], { cwd });
    expect(ci.code).toBe(1);
    expect(ci.stdout).toContain("99.95%");
    expect(ci.stdout).not.toMatch(/pass rate \W*100\.0%/);
  });

  it("1,799 of 2,000 against 0.9 reads 89.95% wherever the rate is shown, never 90.0%", { timeout: 60_000 }, async () => {
    const wrong = Array.from({ length: 201 }, (_, i) => `item-${i * 9}`);
    const target = await track(startArithmeticTarget({ wrongFor: { v1: wrong } }));
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 0.9, concurrency: 32 }), "items.jsonl": arithmeticDataset(2000) });
    const baseline = await runId(cwd, ["arithmetic", "--target-url", `${target.url}/v2`]);
    const run = await runId(cwd, ["arithmetic", "--target-url", `${target.url}/v1`]);
    expect(run.code).toBe(1);
    const everywhere = [
      ["reports", "ci", run.id],
      ["reports", "ci", run.id, "--baseline", baseline.id],
      ["runs", "compare", baseline.id, run.id],
      ["runs", "compare", baseline.id, run.id, baseline.id],
      ["runs", "show", run.id],
      ["runs", "list"],
    ];
    for (const args of everywhere) {
      const shown = await runEvalgate(args, { cwd });
      expect(shown.stdout).toContain("89.95%");
      expect(shown.stdout).not.toMatch(/(pass rate|→|failed) +\W*90\.0%/);
    }
  });

  it.each([
    ["0x10", "is not a percentage from 0 to 100"],
    ["1e2", "is not a percentage from 0 to 100"],
    ["0.5", "would mean 0.5% of items; write 50 for 50%"],
    ["1", "would mean 1% of items; write 100 for 100%"],
    ["150", "is not a percentage from 0 to 100"],
    ["abc", "is not a percentage from 0 to 100"],
  ])("--threshold %s is refused with exit 2", async (value, message) => {
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(2) });
    const result = await runEvalgate(["run", "arithmetic", "--target-url", "http://127.0.0.1:9", "--threshold", value], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("--threshold 0.5% and --threshold 50 are both read as percentages", async () => {
    const target = await track(startArithmeticTarget({ wrongFor: { v1: ["item-0"] } }));
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(2) });
    // 1 of 2 passes: 50 % meets 50, and 0.5 % too.
    expect((await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/v1`, "--threshold", "50"], { cwd })).code).toBe(0);
    expect((await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/v1`, "--threshold", "0.5%"], { cwd })).code).toBe(0);
    expect((await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/v1`, "--threshold", "51"], { cwd })).code).toBe(1);
  });
});
