/**
 * `npm run bench`: the built CLI (dist/cli/index.js, what users run) against a local target with
 * a fixed latency, in separate processes. Prints wall time against the ideal N·L/C, items/s and
 * peak RSS; then a 100,000-item run's peak RSS. Figures only: nothing here asserts.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startTargetProcess } from "../helpers/target-server.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = path.join(root, "dist/cli/index.js");
const rssHook = path.join(root, "test/bench/report-rss.mjs");
// Run the CLI as its `bin` runs: with the Node flags of its shebang line.
const shebangFlags = (readFileSync(cli, "utf8").split("\n", 1)[0] ?? "").split(/\s+/).filter((word) => word.startsWith("--"));

interface Scenario {
  title: string;
  items: number;
  latencyMs: number;
  concurrency: number;
}

const scenarios: Scenario[] = [
  { title: "speed", items: 10_000, latencyMs: 20, concurrency: 64 },
  { title: "memory", items: 100_000, latencyMs: 5, concurrency: 64 },
];

for (const scenario of scenarios) await runScenario(scenario);

async function runScenario({ title, items, latencyMs, concurrency }: Scenario): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-bench-"));
  const target = await startTargetProcess({ latencyMs });
  try {
    await writeDataset(path.join(dir, "items.jsonl"), items);
    await writeFile(
      path.join(dir, "evalgate.yml"),
      [
        "version: 1",
        "experiments:",
        "  bench:",
        "    dataset: items.jsonl",
        "    target: { type: http, url: '${EVALGATE_TARGET_URL}', timeout: 10s }",
        "    scorers:",
        "      - json_valid",
        "      - { name: contains, config: { value: question } }",
        "      - { name: latency_max, config: { ms: 5000 } }",
        "    gate: { passed_threshold: 0 }",
        `    concurrency: ${concurrency}`,
        "    retries: 3",
        "",
      ].join("\n"),
    );
    const started = performance.now();
    const { stdout, stderr, code } = await runCli(dir, ["run", "bench", "--target-url", target.url, "--format", "json"]);
    const processWall = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`bench run exited ${code}:\n${stderr}`);
    const [run] = JSON.parse(stdout) as { id: string; total: number; passed: number }[];
    const shown = await runCli(dir, ["runs", "show", run!.id, "--format", "json"]);
    const record = JSON.parse(shown.stdout) as { started_at: string; ended_at: string };
    const runWall = (Date.parse(record.ended_at) - Date.parse(record.started_at)) / 1000;
    const ideal = (items * latencyMs) / concurrency / 1000;
    const rssMb = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
    console.log(`\n${title}: ${items.toLocaleString("en")} items, ${latencyMs} ms latency, concurrency ${concurrency}`);
    console.log(`  stored items           ${run!.total} (${run!.passed} passed)`);
    console.log(`  ideal N·L/C            ${ideal.toFixed(3)} s`);
    console.log(`  run wall time          ${runWall.toFixed(3)} s   ratio ${(runWall / ideal).toFixed(3)}`);
    console.log(`  process wall time      ${processWall.toFixed(3)} s   ratio ${(processWall / ideal).toFixed(3)} (with start-up and dataset check)`);
    console.log(`  throughput             ${(items / runWall).toFixed(0)} items/s`);
    console.log(`  peak RSS               ${rssMb.toFixed(1)} MB`);
  } finally {
    await target.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeDataset(file: string, count: number): Promise<void> {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(JSON.stringify({ id: `item-${i}`, input: { question: `question ${i}: what is ${i} + ${i}?` }, expected: String(2 * i) }));
  }
  await writeFile(file, lines.join("\n") + "\n");
}

function runCli(cwd: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...shebangFlags, "--import", rssHook, cli, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code }));
  });
}
