import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { startBenchTarget, type BenchTarget } from "./bench-target.js";
import { writeBenchProject } from "./bench-project.js";
import { runEvalgateOk, type CliBuild } from "./evalgate-cli.js";
import type { Peer, PeerFigures } from "./measure-peer.js";
import { runTimed } from "./timed-process.js";

export interface SpeedScenario {
  items: number;
  latencyMs: number;
  concurrency: number;
}

/** One evalgate run of the bench experiment, timed from outside and read back from the store. */
export interface EvalgateRunFigures {
  runId: string;
  stored: number;
  passed: number;
  /** Process start to exit, seconds. */
  processWallS: number;
  /** The run record's started_at to ended_at, seconds (millisecond timestamps). */
  runWallS: number;
  /** Process start to the target receiving its first request, seconds. */
  firstRequestS: number | undefined;
  peakRssMb: number | undefined;
}

/** Which client the floor loop uses: the (undici's Pool), or node:http, evalgate's own. */
export type FloorClient = "undici" | "node-http";

/** The floor client's run (floor-client.mjs), timed as evalgate is. */
export interface FloorFigures {
  processWallS: number;
  loopS: number;
  failed: number;
}

const floorClient = fileURLToPath(new URL("./floor-client.mjs", import.meta.url));

/**
 * `evalgate run bench` in the project `dir` against `target` (whose first-request time was reset
 * before), then the run's own times from `runs show`. `storeArgs` are global options put
 * before the command (`--store postgres://…`).
 */
export async function runEvalgateOnce(
  build: CliBuild,
  dir: string,
  target: BenchTarget,
  storeArgs: string[] = [],
): Promise<EvalgateRunFigures> {
  const run = await runEvalgateOk(build, dir, [...storeArgs, "run", "bench", "--target-url", target.url, "--format", "json"]);
  const stats = await target.stats();
  const [summary] = JSON.parse(run.stdout) as { id: string; total: number; passed: number }[];
  const shown = await runEvalgateOk(build, dir, [...storeArgs, "runs", "show", summary!.id, "--format", "json"]);
  const record = JSON.parse(shown.stdout) as { started_at: string; ended_at: string };
  return {
    runId: summary!.id,
    stored: summary!.total,
    passed: summary!.passed,
    processWallS: run.wallS,
    runWallS: (Date.parse(record.ended_at) - Date.parse(record.started_at)) / 1000,
    firstRequestS: stats.firstRequestAt === undefined ? undefined : (stats.firstRequestAt - run.startedAt) / 1000,
    peakRssMb: run.peakRssMb,
  };
}

/** The floor: the same N requests at the same concurrency from a client that does nothing else. */
export async function runFloorOnce(url: string, scenario: SpeedScenario, client: FloorClient): Promise<FloorFigures> {
  const args = [floorClient, url, String(scenario.items), String(scenario.concurrency), client];
  const floor = await runTimed(process.execPath, args, { cwd: process.cwd() });
  if (floor.code !== 0) throw new Error(`floor client exited ${floor.code}:\n${floor.stderr}`);
  const { loopS, failed } = JSON.parse(floor.stdout) as { loopS: number; failed: number };
  return { processWallS: floor.wallS, loopS, failed };
}

export interface SpeedFigures {
  scenario: SpeedScenario;
  idealS: number;
  /** One entry per round; evalgate and the floors take turns against the round's target process. */
  evalgate: EvalgateRunFigures[];
  floor: FloorFigures[];
  nodeHttpFloor: FloorFigures[];
  /** The peer's run against the first round's target, with `--peer`. */
  peer?: { name: string; version: string; figures: PeerFigures };
}

/**
 * `repeats` rounds of evalgate's run and the floors' (undici, then node:http) against one target
 * process with latency L, in turn evalgate first and floors first, so neither always meets a
 * target warmed by the other. With a `peer`, it runs once against the first round's target too.
 */
export async function measureSpeed(build: CliBuild, scenario: SpeedScenario, repeats: number, peer?: Peer): Promise<SpeedFigures> {
  const figures: SpeedFigures = {
    scenario,
    idealS: (scenario.items * scenario.latencyMs) / scenario.concurrency / 1000,
    evalgate: [],
    floor: [],
    nodeHttpFloor: [],
  };
  const dir = await writeBenchProject(scenario);
  try {
    for (let round = 0; round < repeats; round++) {
      const target = await startBenchTarget({ latencyMs: scenario.latencyMs });
      try {
        const floors = async () => {
          figures.floor.push(await runFloorOnce(target.url, scenario, "undici"));
          figures.nodeHttpFloor.push(await runFloorOnce(target.url, scenario, "node-http"));
        };
        if (round % 2 === 1) await floors();
        await target.resetFirstRequest();
        figures.evalgate.push(await runEvalgateOnce(build, dir, target));
        if (round % 2 === 0) await floors();
        if (round === 0 && peer) figures.peer = { name: peer.name, version: peer.version, figures: await peer.run(target.url, scenario) };
      } finally {
        await target.close();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}
