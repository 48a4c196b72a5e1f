import { stringify } from "yaml";
import { formatCount } from "../stats.js";
import { oneLine } from "./excerpt.js";
import { formatAge } from "./format-age.js";

/** One version of an experiment as `experiments show` shows it. */
export interface ShownExperimentVersion {
  version: string;
  /** The normalized definition stored with it (or computed from evalgate.yml, for a version never run). */
  definition: unknown;
  /** When it was first stored; absent for the current version of evalgate.yml before its first run. */
  created_at?: string;
  runs: number;
  first_run?: string;
  last_run?: string;
  dataset_version?: string;
  current: boolean;
}

/**
 * `experiments show`: each version, newest first, with when it first ran and its definition as
 * evalgate.yml writes one (YAML). A definition never holds a secret: it is stored before
 * `${NAME}` is filled in.
 */
export function renderExperimentVersions(experiment: string, versions: readonly ShownExperimentVersion[], now: number): string {
  const lines = [`experiment ${oneLine(experiment)}: ${formatCount(versions.length)} version${versions.length === 1 ? "" : "s"}`];
  for (const version of versions) {
    lines.push("", `version ${version.version}${version.current ? " (current)" : ""}`);
    lines.push(`  ${runsText(version, now)}`);
    if (version.dataset_version !== undefined) lines.push(`  newest run over dataset version ${version.dataset_version}`);
    const yaml = stringify(version.definition, { lineWidth: 0 }).trimEnd();
    // Each line made safe for a terminal (a prompt may hold escape sequences), its indent kept.
    lines.push(...yaml.split("\n").map((line) => `    ${/^\s*/.exec(line)![0]}${oneLine(line)}`));
  }
  return `${lines.join("\n")}\n`;
}

function runsText(version: ShownExperimentVersion, now: number): string {
  if (version.first_run === undefined) {
    return version.created_at === undefined ? "never run (from evalgate.yml; stored with its first run)" : `stored ${version.created_at}, never run`;
  }
  const runs = `${formatCount(version.runs)} run${version.runs === 1 ? "" : "s"}`;
  const last = version.last_run !== undefined && version.last_run !== version.first_run ? ` · last ${formatAge(version.last_run, now)}` : "";
  return `first run ${version.first_run} (${formatAge(version.first_run, now)}) · ${runs}${last}`;
}
