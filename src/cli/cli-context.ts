import type { Command } from "commander";
import { UserError } from "../core/errors.js";
import type { RunStore } from "../store/run-store.js";
import { mkdtemp, rmdir } from "node:fs/promises";
import os from "node:os";
import type { WriteStream } from "node:tty";
import path from "node:path";
import { openEmbeddedStore } from "../store/open-store.js";
// The URL helpers only: the store itself (and the `pg` driver) is imported when one is opened.
import { isPostgresUrl } from "../store/postgres/store-url.js";
import type { Run } from "../core/model/run.js";

export const LISTING_FORMATS = ["table", "csv", "json", "jsonl"] as const;
export type ListingFormat = (typeof LISTING_FORMATS)[number];

export interface GlobalOptions {
  config: string;
  /** `--store`, else EVALGATE_STORE_URL, else `.evalgate` (see `storeOrigin`). */
  store: string;
  /** Where `store` came from, as messages name it. */
  storeOrigin: StoreOrigin;
  /** `--allow-outside-project`: files outside the project folder may be read (never in the Action). */
  allowOutsideProject: boolean;
}

/** `--store` given, EVALGATE_STORE_URL set (and `--store` not given), or neither (the default `.evalgate`). */
export type StoreOrigin = "--store" | "EVALGATE_STORE_URL" | "default";

export const STORE_URL_VARIABLE = "EVALGATE_STORE_URL";

/** What every command gets: the global options and where to write. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

/**
 * The global options. The store is `--store` when given (even `--store .evalgate`), else
 * EVALGATE_STORE_URL when set and not blank (a CI secret that is not defined arrives as ""),
 * else `.evalgate`. Commander fills the default itself, so "given" is told by the value's source.
 */
export function globalOptions(command: Command, env: Record<string, string | undefined> = process.env): GlobalOptions {
  const options = command.optsWithGlobals<{ config?: string; store?: string; allowOutsideProject?: boolean }>();
  const fromEnv = env[STORE_URL_VARIABLE]?.trim();
  const given = options.store !== undefined && command.getOptionValueSourceWithGlobals("store") === "cli";
  const [store, storeOrigin]: [string, StoreOrigin] = given
    ? [options.store!, "--store"]
    : fromEnv
      ? [fromEnv, STORE_URL_VARIABLE]
      : [options.store ?? ".evalgate", "default"];
  return {
    config: options.config ?? "evalgate.yml",
    store,
    storeOrigin,
    allowOutsideProject: options.allowOutsideProject === true,
  };
}

/**
 * Opens the store of `--store` (or EVALGATE_STORE_URL): a directory (the embedded store),
 * `github:OWNER/REPO[@BRANCH]` (a results branch) or `postgres://…` (a PostgreSQL store), runs
 * `use`, and closes it.
 */
export async function withStore<T>(command: Command, use: (store: RunStore) => Promise<T>): Promise<T> {
  const { store: spec, storeOrigin } = globalOptions(command);
  const store = await openStore(spec, storeOrigin);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

async function openStore(spec: string, origin: StoreOrigin): Promise<RunStore> {
  const scheme = storeScheme(spec);
  if (scheme === undefined) return openEmbeddedStore(spec);
  if (isPostgresUrl(spec)) {
    // Loaded only when asked for, like the results branch: the driver is no part of start-up.
    const { openPostgresStore } = await import("../store/postgres/index.js");
    return openPostgresStore(spec);
  }
  if (scheme !== "github") {
    // Only the scheme is named: a URL may carry a password (s3://key:secret@…).
    const flag = origin === "default" ? "--store" : origin;
    throw new UserError(
      `${flag}: evalgate cannot open a "${scheme}:" store; ${flag} takes a directory (default .evalgate; ./NAME for a name with a colon), ` +
        "github:OWNER/REPO[@BRANCH] (a results branch) or postgres://USER@HOST/DB (a PostgreSQL store)",
    );
  }
  // Loaded only when asked for: Octokit and its plugins are most of the CLI's start-up.
  const { openResultsBranchStore, parseResultsBranchSpec } = await import("../store/results-branch/index.js");
  const branch = parseResultsBranchSpec(spec)!;
  const stagingDir = await mkdtemp(path.join(os.tmpdir(), "evalgate-staging-"));
  const store = await openResultsBranchStore(branch, {
    token: process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN,
    ...(process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}),
    stagingDir,
  });
  // The staging folder is this process's own (a fresh name each time): left empty, nothing needs it
  // after close (`reports wait` opens a store per poll). One holding a run not yet published stays.
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await rmdir(stagingDir).catch(() => undefined);
  };
  return store;
}

// A scheme as URLs spell it (RFC 3986): a letter, then letters, digits, "+", "-" or ".", then ":".
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/**
 * The scheme of a `--store` value ("github", "postgres", "s3"), or undefined for a directory.
 * A single letter before the colon is a Windows drive (C:\runs, C:runs), not a scheme; a
 * relative path with a colon further on (runs/2026:11, ./a:b) is a directory too.
 */
export function storeScheme(spec: string): string | undefined {
  const scheme = SCHEME.exec(spec)?.[1];
  return scheme === undefined || scheme.length === 1 ? undefined : scheme;
}

/**
 * The width `table` output fits: the terminal's own when stdout is one, else `COLUMNS` (what a
 * user or CI sets for piped output), else 80.
 */
export function terminalWidth(io: CliIo): number {
  const stdout = io.stdout as Partial<Pick<WriteStream, "isTTY" | "columns">>;
  if (stdout.isTTY === true && typeof stdout.columns === "number" && stdout.columns > 0) return stdout.columns;
  const columns = Number(io.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : 80;
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

/** `--format` of a command that prints one document: `table` (text for a terminal) or `json`. */
export function tableOrJson(value: string): "table" | "json" {
  if (value === "table" || value === "json") return value;
  throw new UserError(`--format: "${value}" is not one of table, json`);
}

/**
 * `--threshold 90` or `--threshold 90%` (percent) → 0.9. The gate's `passed_threshold` is a
 * fraction, so `--threshold 0.5` is ambiguous (half a percent, or the fraction 0.5 meaning 50 %):
 * a value above 0 and at most 1 without a `%` sign is refused rather than guessed.
 */
export function parsePercent(flag: string, value: string): number {
  const trimmed = value.trim();
  const explicit = trimmed.endsWith("%");
  const digits = explicit ? trimmed.slice(0, -1) : trimmed;
  // Plain decimal only: Number() would also read "0x10" as 16 and "1e2" as 100.
  const percent = /^\d+(\.\d+)?$/.test(digits) ? Number(digits) : Number.NaN;
  if (!Number.isFinite(percent) || percent > 100) {
    throw new UserError(`${flag}: "${value}" is not a percentage from 0 to 100 (write 90 for 90%)`);
  }
  if (!explicit && percent > 0 && percent <= 1) {
    throw new UserError(
      `${flag} takes a percentage, so "${value}" would mean ${digits}% of items; ` +
        `write ${Number((percent * 100).toPrecision(12))} for ${Number((percent * 100).toPrecision(12))}%, ` +
        `or "${digits}%" if you mean ${digits}%`,
    );
  }
  return percent / 100;
}

/** The largest count a flag takes unless it names its own bound (`--limit 1e15` is a typo, not a wish). */
export const MAX_COUNT_FLAG = 1_000_000;

/** `--limit 20` → 20: a whole number from 1 to `max`; anything else is refused, naming the flag. */
export function parsePositiveInt(flag: string, value: string, max = MAX_COUNT_FLAG): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`${flag}: "${value}" is not a whole number ≥ 1`);
  if (n > max) throw new UserError(`${flag}: "${value}" is more than ${max}; write a whole number from 1 to ${max}`);
  return n;
}
