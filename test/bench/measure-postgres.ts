import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startBenchTarget } from "./bench-target.js";
import { writeBenchProject } from "./bench-project.js";
import type { CliBuild } from "./evalgate-cli.js";
import { runEvalgateOnce, type EvalgateRunFigures, type SpeedScenario } from "./measure-speed.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const clusterScript = path.join(root, "scripts/postgres-cluster.sh");

export type PostgresFigures =
  | { skipped: string }
  | { skipped?: undefined; embedded: EvalgateRunFigures[]; postgres: EvalgateRunFigures[]; source: string };

/** A PostgreSQL server for the bench: EVALGATE_BENCH_PG_URL, or a throw-away cluster, or why none. */
async function openPostgres(): Promise<{ url: string; source: string; stop(): Promise<void> } | { skipped: string }> {
  const given = process.env.EVALGATE_BENCH_PG_URL;
  if (given) return { url: given, source: "EVALGATE_BENCH_PG_URL", stop: async () => undefined };
  if (!existsSync(clusterScript)) return { skipped: "scripts/postgres-cluster.sh is missing and EVALGATE_BENCH_PG_URL is not set" };
  const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-bench-pg-"));
  const started = spawnSync("bash", [clusterScript, "start", dir], { encoding: "utf8" });
  if (started.status !== 0) {
    await rm(dir, { recursive: true, force: true });
    // The script's exit 3: PostgreSQL's server binaries are not installed here.
    if (started.status === 3) return { skipped: "PostgreSQL is not installed (apt-get install postgresql), and EVALGATE_BENCH_PG_URL is not set" };
    const reason = (started.stderr || started.stdout).trim().split("\n").slice(-3).join(" ");
    return { skipped: `no PostgreSQL cluster could be started (${reason || `exit ${started.status}`}); set EVALGATE_BENCH_PG_URL` };
  }
  const url = started.stdout.trim().split("\n").filter((line) => /^postgres(ql)?:\/\//.test(line)).at(-1);
  const stop = async () => {
    spawnSync("bash", [clusterScript, "stop", dir], { encoding: "utf8" });
    await rm(dir, { recursive: true, force: true });
  };
  if (url === undefined) {
    await stop();
    return { skipped: `scripts/postgres-cluster.sh start printed no postgres:// URL: ${started.stdout.trim().slice(-200)}` };
  }
  return { url, source: "a throw-away cluster (scripts/postgres-cluster.sh)", stop };
}

/**
 * The same run with the embedded store and with `--store postgres://…`, `repeats` times in turn,
 * each against its own target process. Skipped, with the reason, when no PostgreSQL is at hand
 * or this evalgate cannot open a PostgreSQL store yet.
 */
export async function measurePostgres(build: CliBuild, scenario: SpeedScenario, repeats: number): Promise<PostgresFigures> {
  const server = await openPostgres();
  if ("skipped" in server) return { skipped: server.skipped };
  const dir = await writeBenchProject(scenario);
  const figures = { embedded: [] as EvalgateRunFigures[], postgres: [] as EvalgateRunFigures[], source: server.source };
  try {
    for (let round = 0; round < repeats; round++) {
      for (const store of round % 2 === 0 ? (["embedded", "postgres"] as const) : (["postgres", "embedded"] as const)) {
        const target = await startBenchTarget({ latencyMs: scenario.latencyMs });
        try {
          const storeArgs = store === "postgres" ? ["--store", server.url] : [];
          figures[store].push(await runEvalgateOnce(build, dir, target, storeArgs));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (store === "postgres") return { skipped: `evalgate could not use the PostgreSQL store: ${redact(message).split("\n").slice(0, 3).join(" ")}` };
          throw error;
        } finally {
          await target.close();
        }
      }
    }
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
    await server.stop();
  }
}

function redact(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/g, "$1***@");
}
