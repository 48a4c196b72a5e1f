import { writeFile } from "node:fs/promises";
import path from "node:path";
import { DefaultArtifactClient } from "@actions/artifact";
import type { HtmlReportInput } from "../core/report/html/html-report-input.js";
import { renderHtmlReport } from "../core/report/html/render-html-report.js";
import { messageOf } from "../github/request-status.js";
import type { ActionContext } from "./action-context.js";

/** Uploads one file as a workflow artifact of this run. */
export interface ArtifactUploader {
  /**
   * Uploads `file` as it is, not zipped, so a reader downloads the HTML itself: the artifact is
   * named after the file, and names are unique within a workflow run (GitHub answers 409 to a
   * second one). Resolves to the artifact's id; throws when the upload fails.
   */
  uploadFile(file: string): Promise<number>;
}

/**
 * The runner's artifact service through @actions/artifact, which reads ACTIONS_RUNTIME_TOKEN and
 * ACTIONS_RESULTS_URL itself and retries what may pass on a retry (5xx, 429) on its own.
 */
export function runnerArtifactUploader(): ArtifactUploader {
  const client = new DefaultArtifactClient();
  return {
    async uploadFile(file) {
      const uploaded = await client.uploadArtifact(path.basename(file), [file], path.dirname(file), { skipArchive: true });
      if (uploaded.id === undefined) throw new Error("the artifact service answered without an artifact id");
      return uploaded.id;
    },
  };
}

/** Where an experiment's HTML report is: always a file in the work dir; a URL when it was uploaded. */
export interface HtmlReport {
  file: string;
  /** `${GITHUB_SERVER_URL}/OWNER/REPO/actions/runs/RUN_ID/artifacts/ARTIFACT_ID` */
  url?: string;
}

export interface HtmlReportJob {
  experiment: string;
  /** The candidate's variant: two jobs of one workflow run may evaluate two variants of one experiment. */
  variant?: string;
  /** Reads the runs, items and annotations the report shows. */
  load(): Promise<HtmlReportInput>;
}

/**
 * Writes the experiment's HTML report to the work dir and uploads it as an artifact when the
 * runner offers the artifact service. Never throws: a report that cannot be written or uploaded
 * is a warning (the Markdown report in the job summary stands), and the caller links the
 * workflow run instead. A run without the service (act, a local run) only logs where the file is.
 */
export async function publishHtmlReport(context: ActionContext, job: HtmlReportJob): Promise<HtmlReport | undefined> {
  const file = path.join(context.workDir, htmlReportFileName(job.experiment, { variant: job.variant, attempt: context.workflow.runAttempt }));
  try {
    const input = await job.load();
    await writeFile(file, renderHtmlReport(input));
  } catch (error) {
    context.log.warning(`evalgate: the HTML report of ${job.experiment} could not be written: ${messageOf(error)}; the report is in the job summary`);
    return undefined;
  }
  const { artifacts } = context;
  const runId = context.workflow.runId;
  if (artifacts === undefined || runId === undefined) {
    context.log.info(
      `evalgate: HTML report of ${job.experiment} written to ${file}; not uploaded: this runner offers no artifact service ` +
        "(ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are unset, as under act or a local run; or GitHub Enterprise Server, " +
        "which @actions/artifact does not support)",
    );
    return { file };
  }
  try {
    const id = await artifacts.uploadFile(file);
    const url = `${context.workflow.serverUrl}/${context.owner}/${context.repo}/actions/runs/${runId}/artifacts/${id}`;
    context.log.info(`evalgate: HTML report of ${job.experiment} uploaded as artifact ${path.basename(file)}: ${url}`);
    return { file, url };
  } catch (error) {
    context.log.warning(
      `evalgate: the HTML report of ${job.experiment} could not be uploaded as an artifact (${messageOf(error)}); ` +
        `the comment and the job summary link the workflow run instead, and the file is at ${file}`,
    );
    return { file };
  }
}

/**
 * `evalgate-report-<experiment>[-variant-<variant>][-attempt-<n>].html`: the artifact's name too,
 * unique within the workflow run. Experiments differ by name, variants by variant (a matrix over
 * `variant`), and a re-run keeps the earlier attempts' artifacts, so attempts after the first
 * say so. Experiment and variant names use letters, digits, '.', '_' and '-' (config schema),
 * none of which an artifact name forbids.
 */
export function htmlReportFileName(experiment: string, options: { variant?: string | undefined; attempt?: number } = {}): string {
  const variant = options.variant === undefined ? "" : `-variant-${options.variant}`;
  const attempt = options.attempt !== undefined && options.attempt > 1 ? `-attempt-${options.attempt}` : "";
  return `evalgate-report-${experiment}${variant}${attempt}.html`;
}
