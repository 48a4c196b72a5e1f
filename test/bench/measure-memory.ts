import { rm } from "node:fs/promises";
import { startBenchTarget } from "./bench-target.js";
import { writeBenchProject } from "./bench-project.js";
import { runEvalgate, type CliBuild } from "./evalgate-cli.js";
import { runEvalgateOnce, type EvalgateRunFigures } from "./measure-speed.js";

export interface MemoryFigures {
  items: number;
  latencyMs: number;
  /** The baseline run, and a candidate whose target fails every `failEvery`-th item. */
  baseline: EvalgateRunFigures;
  candidate: EvalgateRunFigures;
  failEvery: number;
  /** `runs compare BASELINE CANDIDATE --format json`, process start to exit. */
  compare: { wallS: number; peakRssMb: number | undefined; exitCode: number | null };
}

/**
 * Two runs of a large dataset in one embedded store (peak RSS of each), the second against a
 * target that answers every `failEvery`-th item without the question (so the comparison has
 * flipped items, as a real candidate does), then the comparison of the two, timed.
 */
export async function measureMemoryAndCompare(
  build: CliBuild,
  options: { items: number; latencyMs: number; concurrency: number; failEvery: number },
): Promise<MemoryFigures> {
  const dir = await writeBenchProject(options);
  try {
    const runAgainst = async (failEvery?: number): Promise<EvalgateRunFigures> => {
      const target = await startBenchTarget({ latencyMs: options.latencyMs, ...(failEvery ? { failEvery } : {}) });
      try {
        return await runEvalgateOnce(build, dir, target);
      } finally {
        await target.close();
      }
    };
    const baseline = await runAgainst();
    const candidate = await runAgainst(options.failEvery);
    const compared = await runEvalgate(build, dir, ["runs", "compare", baseline.runId, candidate.runId, "--format", "json"]);
    // 0 pass, 1 gate failed, 4 no verdict: all are a finished comparison; 2 and 3 are not.
    if (compared.code !== 0 && compared.code !== 1 && compared.code !== 4) {
      throw new Error(`runs compare exited ${compared.code}:\n${compared.stderr.slice(-2000)}`);
    }
    return {
      items: options.items,
      latencyMs: options.latencyMs,
      baseline,
      candidate,
      failEvery: options.failEvery,
      compare: { wallS: compared.wallS, peakRssMb: compared.peakRssMb, exitCode: compared.code },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
