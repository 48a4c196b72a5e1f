import type { Command } from "commander";
import { annotationComparisonLines } from "../../core/annotations/render-annotation-summary.js";
import { summarizeAnnotations, type AnnotationSummary } from "../../core/annotations/summarize-annotations.js";
import { compareManyRuns, type ManyRunsComparison } from "../../core/compare-many-runs.js";
import { UserError } from "../../core/errors.js";
import { passRateThresholds, type GateVerdict } from "../../core/gate.js";
import type { Run } from "../../core/model/run.js";
import { renderComparison } from "../../core/report/render-comparison.js";
import { renderRunsSideBySide } from "../../core/report/render-runs-side-by-side.js";
import { renderVerdictLines } from "../../core/report/render-verdict.js";
import { storedGateOf } from "../../core/stored-gate.js";
import type { RunStore } from "../../store/run-store.js";
import { parseFormat, parsePercent, requireRun, terminalWidth, withStore, type CliIo } from "../cli-context.js";
import { compareStoredRuns } from "../compare-stored-runs.js";
import { EXIT, exitCodeFor, worseExit, type ExitCode } from "../exit-codes.js";
import { storedOverrideChanges } from "../stored-override-changes.js";
import { judgeStoredRun } from "../stored-verdict.js";

/** A side-by-side view holds the baseline and up to three more runs (the seed tool's 2–4). */
const MAX_RUNS = 4;

/**
 * `runs compare BASE RUN`: the paired comparison, its statistics and verdict. `runs compare BASE
 * R2 R3 [R4]`: one table with a column per run and the items whose outcome differs across runs,
 * then each run's verdict against BASE. Exits with the worst verdict's code.
 */
export function registerRunsCompareCommand(runs: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  runs
    .command("compare")
    .description("compare runs with a baseline: paired statistics, flipped items, gate verdict; 2-4 runs side by side")
    .argument("<base-run>", "the baseline run")
    .argument("<run...>", "one run to compare in full, or two or three to see side by side")
    .option("--format <format>", "table or json", "table")
    .option("--threshold <percent>", "minimum pass rate in percent, overriding the gate's passed_threshold")
    .action(async (baseId: string, ids: string[], flags: { format: string; threshold?: string }, command: Command) => {
      const format = parseFormat(flags.format);
      const threshold = flags.threshold === undefined ? undefined : parsePercent("--threshold", flags.threshold);
      if (ids.length + 1 > MAX_RUNS) {
        throw new UserError(`runs compare takes the baseline and at most ${MAX_RUNS - 1} more runs, got ${ids.length}; compare fewer at once`);
      }
      await withStore(command, async (store) => {
        const baseline = await requireRun(store, baseId);
        const candidates = await Promise.all(ids.map((id) => requireRun(store, id)));
        const exit =
          candidates.length === 1
            ? await compareTwo(store, io, baseline, candidates[0]!, format, threshold)
            : await compareSideBySide(store, io, baseline, candidates, format, threshold);
        setExit(exit);
      });
    });
}

type Format = ReturnType<typeof parseFormat>;

async function compareTwo(store: RunStore, io: CliIo, baseline: Run, candidate: Run, format: Format, threshold: number | undefined): Promise<ExitCode> {
  const compared = await compareStoredRuns(store, baseline, candidate, io.cwd);
  const { comparison } = compared;
  const { verdict } = await judgeStoredRun(store, candidate, compared, threshold);
  const changes = await storedOverrideChanges(store, baseline, candidate);
  const annotations = { baseline: await annotationSummary(store, baseline), candidate: await annotationSummary(store, candidate) };
  if (format === "table") io.stdout.write(renderComparison(comparison, verdict, { overrideChanges: changes, annotations }) + "\n");
  else {
    const overrides = changes.length > 0 ? { override_changes: changes } : {};
    io.stdout.write(JSON.stringify({ comparison, verdict, ...overrides, annotations }, null, format === "json" ? 2 : undefined) + "\n");
  }
  return exitCodeFor(verdict);
}

async function compareSideBySide(
  store: RunStore,
  io: CliIo,
  baseline: Run,
  candidates: Run[],
  format: Format,
  threshold: number | undefined,
): Promise<ExitCode> {
  // Every run is judged against the baseline first: runs of another experiment are refused (exit 2)
  // before anything is printed.
  const verdicts: { run_id: string; verdict: GateVerdict }[] = [];
  for (const candidate of candidates) {
    const compared = await compareStoredRuns(store, baseline, candidate, io.cwd);
    verdicts.push({ run_id: candidate.id, verdict: (await judgeStoredRun(store, candidate, compared, threshold)).verdict });
  }
  const version = await store.getExperimentVersion(baseline.experiment, baseline.experiment_version);
  const { cluster, gate } = storedGateOf(baseline.id, baseline.experiment_version, version?.definition);
  const runs = [baseline, ...candidates];
  const comparison = await compareManyRuns(
    runs.map((run) => ({ run, items: store.runItems(run.id) })),
    cluster !== undefined ? { cluster } : {},
  );
  const thresholds = [gate.passed_threshold, ...verdicts.flatMap(({ verdict }) => passRateThresholds(verdict))];
  const annotations = await Promise.all(runs.map(async (run) => ({ run_id: run.id, annotations: await annotationSummary(store, run) })));
  if (format === "table") io.stdout.write(sideBySideText(comparison, verdicts, terminalWidth(io), thresholds, annotations));
  else io.stdout.write(JSON.stringify({ comparison, verdicts, annotations }, null, format === "json" ? 2 : undefined) + "\n");
  return verdicts.reduce<ExitCode>((worst, { verdict }) => worseExit(worst, exitCodeFor(verdict)), EXIT.pass);
}

function sideBySideText(
  comparison: ManyRunsComparison,
  verdicts: { run_id: string; verdict: GateVerdict }[],
  width: number,
  thresholds: number[],
  annotations: readonly { annotations: readonly AnnotationSummary[] }[],
): string {
  const lines = [renderRunsSideBySide(comparison, { width, thresholds }), ""];
  // Columns lettered as the side-by-side table letters its runs.
  const columns = annotations.map((run, index) => ({ title: String.fromCharCode(65 + index), summaries: run.annotations }));
  const annotationLines = annotationComparisonLines(columns, width);
  if (annotationLines.length > 0) lines.push(...annotationLines, "");
  for (const { run_id: runId, verdict } of verdicts) {
    lines.push(`Against the baseline, ${runId}:`, ...renderVerdictLines(verdict, width), "");
  }
  return lines.join("\n");
}

/** People's annotations of a run, summarized per name (core/annotations): shown beside the scores, never judged. */
async function annotationSummary(store: RunStore, run: Run): Promise<AnnotationSummary[]> {
  return summarizeAnnotations(await store.runAnnotations(run.id));
}
