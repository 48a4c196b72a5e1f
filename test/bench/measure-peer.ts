import { spawnSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { benchItem } from "./bench-project.js";
import type { SpeedScenario } from "./measure-speed.js";
import { runTimed } from "./timed-process.js";

/** promptfoo installed into a temporary folder (never a dependency of evalgate), ready to run. */
export interface Peer {
  name: string;
  version: string;
  /** How long the install took, seconds (0 when an earlier bench had installed it). */
  installS: number;
  run(url: string, scenario: SpeedScenario): Promise<PeerFigures>;
}

export interface PeerFigures {
  processWallS: number;
  /** The "N passed" promptfoo printed, when it did. */
  passed: number | undefined;
}

/**
 * Kept between benches in the system's temporary folder: the package and its dependencies are
 * about 2 GB, a few minutes to install.
 */
const installDir = path.join(os.tmpdir(), "evalgate-bench-promptfoo");

/** Installs promptfoo with npm when it is not installed yet, or says why it cannot be run. */
export async function preparePromptfoo(): Promise<Peer | { skipped: string }> {
  const bin = path.join(installDir, "node_modules", ".bin", "promptfoo");
  let installS = 0;
  if (!existsSync(bin)) {
    await mkdir(installDir, { recursive: true });
    console.log(`installing promptfoo into ${installDir} (npm install --prefix …; not a dependency of evalgate)…`);
    const started = performance.now();
    const npm = spawnSync("npm", ["install", "--prefix", installDir, "--no-audit", "--no-fund", "promptfoo"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    installS = (performance.now() - started) / 1000;
    if (npm.status !== 0 || !existsSync(bin)) {
      return { skipped: `npm install promptfoo failed (exit ${npm.status}): ${(npm.stderr || npm.stdout).trim().split("\n").slice(-3).join(" ")}` };
    }
  }
  const entry = realpathSync(bin);
  const version = (await import(path.join(installDir, "node_modules", "promptfoo", "package.json"), { with: { type: "json" } })) as { default: { version: string } };
  return { name: "promptfoo", version: version.default.version, installS, run: (url, scenario) => runPromptfoo(entry, url, scenario) };
}

/**
 * `promptfoo eval -c promptfooconfig.yaml --no-cache -j C` over the bench's items, with its HTTP
 * provider posting what evalgate posts and one `contains` assertion per item. Its home folder is
 * temporary, and telemetry and update checks are off (this machine reaches no other host).
 */
async function runPromptfoo(entry: string, url: string, scenario: SpeedScenario): Promise<PeerFigures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-bench-peer-"));
  try {
    const tests: string[] = [];
    for (let i = 0; i < scenario.items; i++) {
      const item = benchItem(i);
      tests.push(JSON.stringify({ vars: { question: item.input.question, id: item.id }, assert: [{ type: "contains", value: "question" }] }));
    }
    await writeFile(path.join(dir, "tests.jsonl"), tests.join("\n") + "\n");
    await writeFile(
      path.join(dir, "promptfooconfig.yaml"),
      [
        "description: evalgate bench peer",
        "prompts:",
        "  - '{{question}}'",
        "providers:",
        `  - id: ${url}`,
        "    config:",
        "      method: POST",
        "      headers: { content-type: application/json }",
        "      body:",
        "        input: { question: '{{question}}' }",
        "        item_id: '{{id}}'",
        "      transformResponse: json.output.question",
        "tests: file://tests.jsonl",
        "",
      ].join("\n"),
    );
    const env = {
      ...process.env,
      PROMPTFOO_CONFIG_DIR: path.join(dir, "home"),
      PROMPTFOO_DISABLE_TELEMETRY: "1",
      PROMPTFOO_DISABLE_UPDATE: "1",
      PROMPTFOO_DISABLE_SHARING: "1",
    };
    const args = [entry, "eval", "-c", "promptfooconfig.yaml", "--no-cache", "-j", String(scenario.concurrency), "--no-table", "--no-progress-bar"];
    const result = await runTimed(process.execPath, args, { cwd: dir, env });
    if (result.code !== 0) throw new Error(`promptfoo eval exited ${result.code}:\n${(result.stderr || result.stdout).slice(-2000)}`);
    const passed = /(\d[\d,]*) passed/.exec(result.stdout)?.[1];
    return { processWallS: result.wallS, passed: passed === undefined ? undefined : Number(passed.replace(/,/g, "")) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
