/**
 * `npm run bench`: evalgate as users run it (the built dist/cli/index.js; `--source` runs
 * src/cli/index.ts through tsx instead, to measure a change before a build) against a local
 * target process with a fixed latency. Prints, per scenario, evalgate's process wall time, the
 * ideal N·L/C, the machine's floor (a bare undici keep-alive loop making the same calls) and the
 * ratios; the time to the first request; peak RSS of 100,000-item runs and the time to compare
 * two; the PostgreSQL store against the embedded one; with `--peer`, promptfoo on the same items.
 * Ends with a table of every figure beside its aim and the load average. Figures only: nothing
 * here asserts.
 *
 * Flags: --source; --cli FILE (another entry, e.g. a bundle of an older commit); --peer; --repeat K (rounds of each speed scenario, medians printed; default 1);
 * --only speed20,speed50,memory,postgres (a comma list; default all).
 */
import { parseArgs } from "node:util";
import type { CliBuild } from "./evalgate-cli.js";
import { measureMemoryAndCompare } from "./measure-memory.js";
import { preparePromptfoo, type Peer } from "./measure-peer.js";
import { measurePostgres } from "./measure-postgres.js";
import { measureSpeed, type SpeedScenario } from "./measure-speed.js";
import { loadAverage, printSummary, reportMemory, reportPostgres, reportSpeed, type SummaryRow } from "./report.js";

const SCENARIOS = ["speed20", "speed50", "memory", "postgres"] as const;

const { values: flags } = parseArgs({
  options: {
    source: { type: "boolean", default: false },
    cli: { type: "string" },
    peer: { type: "boolean", default: false },
    repeat: { type: "string", default: "1" },
    only: { type: "string", default: SCENARIOS.join(",") },
  },
});
const build: CliBuild = flags.cli ? { entry: flags.cli } : flags.source ? "source" : "dist";
const buildName = typeof build === "object" ? build.entry : build === "dist" ? "dist/cli/index.js" : "src/cli/index.ts through tsx";
const repeats = Math.max(1, Number.parseInt(flags.repeat, 10) || 1);
const only = new Set(flags.only.split(",").map((name) => name.trim()));
for (const name of only) {
  if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`--only: unknown scenario ${name} (choose from ${SCENARIOS.join(", ")})`);
}

const loadAtStart = loadAverage();
console.log(`evalgate bench: ${buildName}; load average at start ${loadAtStart}`);
const rows: SummaryRow[] = [];

let peer: Peer | undefined;
if (flags.peer) {
  const prepared = await preparePromptfoo();
  if ("skipped" in prepared) {
    console.log(`peer: skipped: ${prepared.skipped}`);
    rows.push({ scenario: "peer", figure: "promptfoo", value: "skipped" });
  } else {
    peer = prepared;
    console.log(`peer: ${peer.name} ${peer.version}${peer.installS > 0 ? ` (installed in ${peer.installS.toFixed(0)} s)` : ""}`);
  }
}

const speed = (latencyMs: number): SpeedScenario => ({ items: 10_000, latencyMs, concurrency: 64 });
if (only.has("speed20")) rows.push(...reportSpeed(await measureSpeed(build, speed(20), repeats, peer)));
if (only.has("speed50")) rows.push(...reportSpeed(await measureSpeed(build, speed(50), repeats)));
if (only.has("memory")) {
  rows.push(...reportMemory(await measureMemoryAndCompare(build, { items: 100_000, latencyMs: 5, concurrency: 64, failEvery: 50 })));
}
if (only.has("postgres")) {
  const scenario = speed(20);
  rows.push(...reportPostgres(await measurePostgres(build, scenario, repeats), "10,000 items, L = 20 ms, C = 64, stores"));
}

printSummary(rows, loadAtStart, loadAverage(), buildName);
