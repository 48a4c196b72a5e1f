import os from "node:os";
import type { MemoryFigures } from "./measure-memory.js";
import type { PostgresFigures } from "./measure-postgres.js";
import type { SpeedFigures } from "./measure-speed.js";

/** One line of the closing table: a figure, its value as printed, and the issue's aim for it. */
export interface SummaryRow {
  scenario: string;
  figure: string;
  value: string;
  aim?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const seconds = (value: number) => `${value.toFixed(3)} s`;
const ratio = (value: number) => `${value.toFixed(3)}×`;
const megabytes = (value: number | undefined) => (value === undefined ? "n/a" : `${value.toFixed(1)} MB`);
const spread = (values: number[]) => (values.length > 1 ? ` (${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)})` : "");

export function loadAverage(): string {
  return os.loadavg().map((load) => load.toFixed(2)).join(" / ");
}

/** Prints a speed scenario's figures (medians over the rounds) and returns its summary rows. */
export function reportSpeed(figures: SpeedFigures): SummaryRow[] {
  const { scenario, idealS } = figures;
  const title = `${scenario.items.toLocaleString("en")} items, L = ${scenario.latencyMs} ms, C = ${scenario.concurrency}`;
  const processes = figures.evalgate.map((run) => run.processWallS);
  const runs = figures.evalgate.map((run) => run.runWallS);
  const firsts = figures.evalgate.flatMap((run) => (run.firstRequestS === undefined ? [] : [run.firstRequestS]));
  const floors = figures.floor.map((floor) => floor.processWallS);
  const nodeFloors = figures.nodeHttpFloor.map((floor) => floor.processWallS);
  const process = median(processes);
  const floor = median(floors);
  const nodeFloor = median(nodeFloors);
  const limit = Math.max(idealS, floor);
  const lowestLimit = Math.max(idealS, Math.min(floor, nodeFloor));
  const stored = figures.evalgate.map((run) => `${run.stored} stored, ${run.passed} passed`).join("; ");
  console.log(`\nspeed: ${title} (median of ${figures.evalgate.length}, min–max in brackets)`);
  console.log(`  evalgate runs           ${stored}`);
  console.log(`  ideal N·L/C             ${seconds(idealS)}`);
  console.log(`  floor (undici loop)     ${seconds(floor)}${spread(floors)}  process; requests alone ${seconds(median(figures.floor.map((f) => f.loopS)))}`);
  console.log(`  floor (node:http loop)  ${seconds(nodeFloor)}${spread(nodeFloors)}  process; requests alone ${seconds(median(figures.nodeHttpFloor.map((f) => f.loopS)))}`);
  console.log(`  evalgate process        ${seconds(process)}${spread(processes)}`);
  console.log(`    / ideal               ${ratio(process / idealS)}`);
  console.log(`    / max(ideal, floor)   ${ratio(process / limit)}   aim ≤ 1.05× (the undici floor, as the issue defines it)`);
  console.log(`    / max(ideal, lower floor) ${ratio(process / lowestLimit)}`);
  console.log(`  evalgate run (record)   ${seconds(median(runs))}${spread(runs)}   / ideal ${ratio(median(runs) / idealS)}`);
  console.log(`  first request after     ${firsts.length ? seconds(median(firsts)) + spread(firsts) : "n/a"}   aim < 0.150 s`);
  console.log(`  evalgate peak RSS       ${megabytes(median(figures.evalgate.flatMap((run) => run.peakRssMb ?? [])))}`);
  const rows: SummaryRow[] = [
    { scenario: title, figure: "ideal N·L/C", value: seconds(idealS) },
    { scenario: title, figure: "floor (undici loop process)", value: seconds(floor) },
    { scenario: title, figure: "floor (node:http loop process)", value: seconds(nodeFloor) },
    { scenario: title, figure: "evalgate process wall", value: seconds(process) },
    { scenario: title, figure: "evalgate / ideal", value: ratio(process / idealS) },
    { scenario: title, figure: "evalgate / max(ideal, floor)", value: ratio(process / limit), aim: "≤ 1.05×" },
    { scenario: title, figure: "evalgate / max(ideal, lower floor)", value: ratio(process / lowestLimit) },
    { scenario: title, figure: "first request after start", value: firsts.length ? seconds(median(firsts)) : "n/a", aim: "< 0.150 s" },
  ];
  if (figures.peer) {
    const { name, version, figures: peer } = figures.peer;
    console.log(`  ${`${name} ${version}`.padEnd(23)} ${seconds(peer.processWallS)}   ${peer.passed ?? "?"} passed; / ideal ${ratio(peer.processWallS / idealS)}, / evalgate ${ratio(peer.processWallS / process)}`);
    rows.push(
      { scenario: title, figure: `${name} process wall`, value: seconds(peer.processWallS) },
      { scenario: title, figure: `${name} / ideal`, value: ratio(peer.processWallS / idealS) },
      { scenario: title, figure: `${name} / evalgate`, value: ratio(peer.processWallS / process) },
    );
  }
  return rows;
}

export function reportMemory(figures: MemoryFigures): SummaryRow[] {
  const title = `${figures.items.toLocaleString("en")} items, L = ${figures.latencyMs} ms`;
  const { baseline, candidate, compare } = figures;
  console.log(`\nmemory: ${title}`);
  console.log(`  baseline run            ${baseline.stored} stored, ${baseline.passed} passed; process ${seconds(baseline.processWallS)}, peak RSS ${megabytes(baseline.peakRssMb)}   aim < 150 MB`);
  console.log(`  candidate run           ${candidate.stored} stored, ${candidate.passed} passed (every ${figures.failEvery}th answer fails); process ${seconds(candidate.processWallS)}, peak RSS ${megabytes(candidate.peakRssMb)}`);
  console.log(`  runs compare --format json  ${seconds(compare.wallS)} (exit ${compare.exitCode}), peak RSS ${megabytes(compare.peakRssMb)}   aim < 0.5 s`);
  const peak = Math.max(baseline.peakRssMb ?? 0, candidate.peakRssMb ?? 0);
  return [
    { scenario: title, figure: "run peak RSS (larger of 2 runs)", value: megabytes(peak), aim: "< 150 MB" },
    { scenario: title, figure: "runs compare A B --format json", value: seconds(compare.wallS), aim: "< 0.5 s" },
    { scenario: title, figure: "runs compare peak RSS", value: megabytes(compare.peakRssMb) },
  ];
}

export function reportPostgres(figures: PostgresFigures, title: string): SummaryRow[] {
  if (figures.skipped !== undefined) {
    console.log(`\npostgres: skipped: ${figures.skipped}`);
    return [{ scenario: title, figure: "PostgreSQL / embedded store", value: "skipped", aim: "≤ 1.10×" }];
  }
  const embedded = median(figures.embedded.map((run) => run.processWallS));
  const postgres = median(figures.postgres.map((run) => run.processWallS));
  console.log(`\npostgres: ${title}, against ${figures.source} (median of ${figures.embedded.length})`);
  console.log(`  embedded store process  ${seconds(embedded)}${spread(figures.embedded.map((run) => run.processWallS))}`);
  console.log(`  PostgreSQL process      ${seconds(postgres)}${spread(figures.postgres.map((run) => run.processWallS))}`);
  console.log(`    / embedded            ${ratio(postgres / embedded)}   aim ≤ 1.10×`);
  return [
    { scenario: title, figure: "embedded store process wall", value: seconds(embedded) },
    { scenario: title, figure: "PostgreSQL store process wall", value: seconds(postgres) },
    { scenario: title, figure: "PostgreSQL / embedded", value: ratio(postgres / embedded), aim: "≤ 1.10×" },
  ];
}

export function printSummary(rows: SummaryRow[], loadAtStart: string, loadAtEnd: string, build: string): void {
  const widths = [
    Math.max(8, ...rows.map((row) => row.scenario.length)),
    Math.max(6, ...rows.map((row) => row.figure.length)),
    Math.max(5, ...rows.map((row) => row.value.length)),
  ];
  const line = (cells: string[]) => cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join("  ").trimEnd();
  console.log(`\nsummary (evalgate from ${build}; ${os.cpus().length} cores; Node ${process.versions.node})`);
  console.log(line(["scenario", "figure", "value", "aim"]));
  console.log(line(widths.map((width) => "-".repeat(width)).concat("---")));
  for (const row of rows) console.log(line([row.scenario, row.figure, row.value, row.aim ?? ""]));
  console.log(`load average (1 / 5 / 15 min): at start ${loadAtStart}; at end ${loadAtEnd}`);
}
