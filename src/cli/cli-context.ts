import type { Command } from "commander";
import { UserError } from "../core/errors.js";
import type { RunStore } from "../store/run-store.js";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import type { WriteStream } from "node:tty";
import path from "node:path";
import { openEmbeddedStore } from "../store/open-store.js";
import type { Run } from "../core/model/run.js";

export const LISTING_FORMATS = ["table", "csv", "json", "jsonl"] as const;
export type ListingFormat = (typeof LISTING_FORMATS)[number];

export interface GlobalOptions {
  config: string;
  store: string;
  /** `--allow-outside-project`: files outside the project folder may be read (never in the Action). */
  allowOutsideProject: boolean;
}

/** What every command gets: the global options and where to write. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

export function globalOptions(command: Command): GlobalOptions {
  const options = command.optsWithGlobals<{ config?: string; store?: string; allowOutsideProject?: boolean }>();
  return {
    config: options.config ?? "evalgate.yml",
    store: options.store ?? ".evalgate",
    allowOutsideProject: options.allowOutsideProject === true,
  };
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
  const scheme = storeScheme(spec);
  if (scheme === undefined) return openEmbeddedStore(spec);
  if (scheme !== "github") {
    // Only the scheme is named: a URL may carry a password (postgres://user:secret@host/db).
    throw new UserError(
      `--store: evalgate cannot open a "${scheme}:" store` +
        (/^postgres(ql)?$/i.test(scheme) ? " (a PostgreSQL store is not available yet)" : "") +
        "; --store takes a directory (default .evalgate; ./NAME for a name with a colon) " +
        "or github:OWNER/REPO[@BRANCH] (a results branch)",
    );
  }
  // Loaded only when asked for: Octokit and its plugins are most of the CLI's start-up.
  const { openResultsBranchStore, parseResultsBranchSpec } = await import("../store/results-branch/index.js");
  const branch = parseResultsBranchSpec(spec)!;
  return openResultsBranchStore(branch, {
    token: process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN,
    ...(process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}),
    stagingDir: await mkdtemp(path.join(os.tmpdir(), "evalgate-staging-")),
  });
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
