import type { Command } from "commander";
import { UserError } from "../core/errors.js";
import type { RunStore } from "../store/run-store.js";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openEmbeddedStore } from "../store/open-store.js";
import type { Run } from "../core/model/run.js";

export const LISTING_FORMATS = ["table", "csv", "json", "jsonl"] as const;
export type ListingFormat = (typeof LISTING_FORMATS)[number];

export interface GlobalOptions {
  config: string;
  store: string;
}

/** What every command gets: the global options and where to write. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

export function globalOptions(command: Command): GlobalOptions {
  const options = command.optsWithGlobals<{ config?: string; store?: string }>();
  return { config: options.config ?? "evalgate.yml", store: options.store ?? ".evalgate" };
}

/** `--store DIR` (the embedded store) or `--store github:OWNER/REPO[@BRANCH]` (a results branch). */
export async function withStore<T>(command: Command, use: (store: RunStore) => Promise<T>): Promise<T> {
  const store = await openStore(globalOptions(command).store);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

async function openStore(spec: string): Promise<RunStore> {
  if (!spec.startsWith("github:")) return openEmbeddedStore(spec);
  // Loaded only when asked for: Octokit and its plugins are most of the CLI's start-up.
  const { openResultsBranchStore, parseResultsBranchSpec } = await import("../store/results-branch/index.js");
  const branch = parseResultsBranchSpec(spec)!;
  return openResultsBranchStore(branch, {
    token: process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN,
    ...(process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}),
    stagingDir: await mkdtemp(path.join(os.tmpdir(), "evalgate-staging-")),
  });
}

export async function requireRun(store: RunStore, id: string): Promise<Run> {
  const run = await store.getRun(id);
  if (!run) throw new UserError(`no run "${id}" in this store (see \`evalgate runs list\`)`);
  return run;
}

export function parseFormat(value: string): ListingFormat {
  if ((LISTING_FORMATS as readonly string[]).includes(value)) return value as ListingFormat;
  throw new UserError(`--format: "${value}" is not one of ${LISTING_FORMATS.join(", ")}`);
}

/** `--threshold 90` (percent) → 0.9. */
export function parsePercent(flag: string, value: string): number {
  const percent = Number(value.replace(/%$/, ""));
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new UserError(`${flag}: "${value}" is not a percentage from 0 to 100`);
  }
  return percent / 100;
}

export function parsePositiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`${flag}: "${value}" is not a whole number ≥ 1`);
  return n;
}
