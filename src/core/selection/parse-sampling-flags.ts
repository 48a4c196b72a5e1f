import { UserError } from "../errors.js";
import type { SelectionSpec } from "./item-selector.js";
import { parseSplit } from "./item-selector.js";
import { parseRowsSpec } from "./parse-rows-spec.js";
import type { RunSelection } from "../model/run.js";
import { describeSelection } from "./describe-selection.js";

/** The CLI's sampling flags as typed. */
export interface SamplingFlags {
  sample?: string;
  rows?: string;
  split?: string;
  seed?: string;
}

const MAX_SEED = 2 ** 31 - 1;

/**
 * Sampling flags → the selection asked for, or undefined for the whole dataset (`--seed` alone
 * changes nothing). Throws `UserError` naming the flag.
 */
export function parseSamplingFlags(flags: SamplingFlags): SelectionSpec | undefined {
  const given = (["sample", "rows", "split"] as const).filter((mode) => flags[mode] !== undefined);
  if (given.length > 1) {
    throw new UserError(
      `sampling options are mutually exclusive: ${given.map((mode) => `--${mode}`).join(", ")}; keep one of them`,
    );
  }
  const seed = flags.seed === undefined ? undefined : parseSeed(flags.seed);
  const mode = given[0];
  if (mode === undefined) return undefined;
  const value = flags[mode]!.trim();
  const withSeed = (s: number | undefined) => (s === undefined ? {} : { seed: s });
  switch (mode) {
    case "sample":
      return { mode, value: String(parseSamplePercent(value)), ...withSeed(seed) };
    case "rows":
      parseRowsSpec(value);
      return { mode, value, ...withSeed(seed) };
    case "split": {
      const { part, percent } = parseSplit(value);
      return { mode, value: `${part}:${percent}`, ...withSeed(seed) };
    }
  }
}

function parseSamplePercent(value: string): number {
  const percent = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(percent >= 1 && percent <= 100)) {
    throw new UserError(`--sample "${value}": write a whole percentage from 1 to 100 (50 keeps about half the rows)`);
  }
  return percent;
}

function parseSeed(value: string): number {
  const seed = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(seed) || Math.abs(seed) > MAX_SEED) {
    throw new UserError(`--seed "${value}": write a whole number from -${MAX_SEED} to ${MAX_SEED}`);
  }
  return seed;
}

/**
 * `--sample` without a seed is random, yet a resumed run must keep its items: the seed is drawn
 * once, when the run starts, and recorded with it.
 */
export function withDrawnSeed(selection: SelectionSpec, random: () => number = Math.random): SelectionSpec {
  if (selection.mode !== "sample" || selection.seed !== undefined) return selection;
  return { ...selection, seed: Math.floor(random() * MAX_SEED) };
}

/**
 * `--resume` keeps the run's recorded selection; a sampling flag given again must ask for the same
 * one (a sample's seed may be left out, since it was recorded).
 */
export function checkResumedSelection(runId: string, recorded: RunSelection | undefined, requested: SelectionSpec | undefined): void {
  if (requested === undefined) return;
  const same =
    recorded !== undefined &&
    recorded.mode === requested.mode &&
    recorded.value === requested.value &&
    (requested.seed === undefined || requested.seed === recorded.seed);
  if (same) return;
  const kept = recorded === undefined ? "all items" : describeSelection(recorded);
  throw new UserError(
    `--resume ${runId}: that run covers ${kept}; resume it without sampling options, or start a new run for another selection`,
  );
}
