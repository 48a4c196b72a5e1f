import type { Run } from "../../core/model/run.js";
import type { RunStore } from "../run-store.js";
import type { BranchAppend, BranchFile } from "./append-to-branch.js";
import { encodeAnnotationDocument } from "./annotation-document.js";
import { encodeDatasetItems, encodeDatasetRecord } from "./dataset-document.js";
import { annotationsPath, datasetItemsPath, datasetRecordPath, experimentVersionPath, runPath } from "./layout.js";
import { encodeRunDocument, RUN_DOCUMENT_FORMAT } from "./run-document.js";

/**
 * Reads a finished run out of any RunStore and turns it into the files one commit adds to the
 * results branch: the run file, its experiment version and its dataset version (when `source` has
 * it) unless the branch has them already, and the annotations the run has so far (annotations
 * written after publishing get files of their own).
 *
 * `branchHas` tells which paths the branch is known to have (the caller's last listing): a dataset
 * version there is not encoded again (tens of MB of gzip per run). A version it lacks is written
 * only where the head the commit is built on has none, so it still lands once; one removed since
 * that listing (its last run deleted meanwhile) is not put back by this run.
 */
export async function encodeRunForBranch(
  source: RunStore,
  runId: string,
  maxRunFileBytes: number,
  branchHas: (path: string) => boolean = () => false,
): Promise<{ run: Run; append: BranchAppend }> {
  const run = await source.getRun(runId);
  if (run === undefined || run.id !== runId) throw new Error(`cannot publish run "${runId}": it is not in the store`);
  if (run.status === "running") throw new Error(`cannot publish run "${runId}": it is still running; end it first`);
  const version = (await source.getExperimentVersion(run.experiment, run.experiment_version)) ?? null;
  const content = await encodeRunDocument(
    { format: RUN_DOCUMENT_FORMAT, run, experiment_version: version },
    source.runItems(runId),
    maxRunFileBytes,
  );
  const filesIfAbsent: BranchFile[] =
    version === null
      ? []
      : [{ path: experimentVersionPath(version.experiment, version.version), content: Buffer.from(`${JSON.stringify(version, null, 2)}\n`) }];
  const dataset = await source.getDatasetVersion(run.dataset_version);
  if (dataset?.version === run.dataset_version && !branchHas(datasetItemsPath(dataset.version))) {
    filesIfAbsent.push(
      { path: datasetItemsPath(dataset.version), content: await encodeDatasetItems(dataset.version, source.datasetVersionItems(dataset.version), maxRunFileBytes) },
      { path: datasetRecordPath(dataset.version), content: encodeDatasetRecord(dataset) },
    );
  }
  const annotations = await source.runAnnotations(runId);
  if (annotations.length > 0) {
    // If absent: publishing again must not put the staged values back over later writes on the branch.
    filesIfAbsent.push({ path: annotationsPath(run.id, "published"), content: await encodeAnnotationDocument(run.id, annotations) });
  }
  const role = run.role === undefined ? "" : ` ${run.role}`;
  const pullRequest = run.pull_request === undefined ? "" : ` for #${run.pull_request}`;
  const message = `evalgate: add${role} run ${run.id} of ${run.experiment}${pullRequest} (${run.status})`;
  return { run, append: { message, file: { path: runPath(run), content }, filesIfAbsent } };
}
