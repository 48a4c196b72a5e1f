import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { isLeaseStale, LEASE_TTL_MS, liveOwnerOf, takeRunLease } from "../../src/engine/run-lease.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import type { RunLease } from "../../src/store/run-store.js";
import type { SqliteRunStore } from "../../src/store/sqlite-store.js";
import { makeRun } from "../store/fixtures/make-run.js";

const NOW = new Date("2026-11-25T12:10:00.000Z");
const secondsBefore = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();

/** The pid of a process that has exited (and was reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  return child.pid!;
}

function lease(overrides: Partial<RunLease>): RunLease {
  return { run_id: "run-1", holder: "other", host: os.hostname(), pid: process.pid, heartbeat_at: secondsBefore(2), ...overrides };
}

describe("when a run's lease is stale", () => {
  it("a recent heartbeat from a live process on this host is live", () => {
    expect(isLeaseStale(lease({}), NOW)).toBe(false);
  });

  it("a heartbeat older than the TTL is stale wherever its holder runs", () => {
    expect(isLeaseStale(lease({ heartbeat_at: secondsBefore(LEASE_TTL_MS / 1000 + 1) }), NOW)).toBe(true);
    expect(isLeaseStale(lease({ host: "elsewhere", heartbeat_at: secondsBefore(LEASE_TTL_MS / 1000 + 1) }), NOW)).toBe(true);
  });

  it("a holder on this host whose process is gone is stale at once; on another host only the TTL tells", () => {
    const pid = deadPid();
    expect(isLeaseStale(lease({ pid }), NOW)).toBe(true);
    expect(isLeaseStale(lease({ pid, host: "elsewhere" }), NOW)).toBe(false);
  });
});

describe("takeRunLease", () => {
  let dir: string;
  let store: SqliteRunStore;
  const run = makeRun();
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-lease-"));
    store = await openEmbeddedStore(dir);
    await store.createRun(run);
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses a run held by a live process, naming its pid, host and heartbeat age", async () => {
    await store.acquireRunLease(lease({ run_id: run.id, host: "build-7", heartbeat_at: secondsBefore(3) }));
    const taken = takeRunLease(store, run.id, () => NOW);
    await expect(taken).rejects.toBeInstanceOf(UserError);
    await expect(taken).rejects.toThrow(
      `run ${run.id} is being run right now (pid ${process.pid} on build-7, heartbeat 3 s ago). ` +
        `Wait for it to end, or stop it with \`evalgate runs cancel ${run.id}\``,
    );
    expect(await liveOwnerOf(store, run, NOW)).toEqual({ host: "build-7", pid: process.pid, heartbeatAgeMs: 3000 });
  });

  it("takes over a stale lease, and releases it when done", async () => {
    await store.acquireRunLease(lease({ run_id: run.id, pid: deadPid() }));
    expect(await liveOwnerOf(store, run, NOW)).toBeUndefined();
    const held = await takeRunLease(store, run.id, () => NOW);
    expect(await store.getRunLease(run.id)).toMatchObject({ host: os.hostname(), pid: process.pid, heartbeat_at: NOW.toISOString() });
    expect(await liveOwnerOf(store, run, NOW)).toEqual({ host: os.hostname(), pid: process.pid, heartbeatAgeMs: 0 });
    expect(await liveOwnerOf(store, { ...run, status: "passed" }, NOW)).toBeUndefined();
    await held.release();
    expect(await store.getRunLease(run.id)).toBeUndefined();
  });
});
