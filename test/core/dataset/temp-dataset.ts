import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { UserError } from "../../../src/core/errors.js";

const created: string[] = [];

afterAll(async () => {
  await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Writes `content` to a fresh temp dir as `name`; returns the absolute path. */
export async function writeDataset(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-dataset-"));
  created.push(dir);
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

/** JSONL text of the given records, one per line. */
export function jsonl(records: readonly unknown[]): string {
  return records.map((record) => JSON.stringify(record)).join("\n") + "\n";
}

/** The message of the UserError `promise` rejects with. */
export async function userErrorOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => {
      throw new Error("expected a UserError, but it succeeded");
    },
    (caught: unknown) => caught,
  );
  if (!(error instanceof UserError)) throw error;
  return error.message;
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
