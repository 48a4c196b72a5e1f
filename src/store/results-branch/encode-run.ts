import type { Run } from "../../core/model/run.js";
import type { RunStore } from "../run-store.js";
import type { BranchAppend, BranchFile } from "./append-to-branch.js";
import { encodeAnnotationDocument } from "./annotation-document.js";
import { annotationsPath, experimentVersionPath, runPath } from "./layout.js";
import { encodeRunDocument, RUN_DOCUMENT_FORMAT } from "./run-document.js";

/**
 * Reads a finished run out of any RunStore and turns it into the files one commit adds to the
 * results branch: the run file, its experiment version unless the branch has it already, and the
 * annotations the run has so far (annotations written after publishing get files of their own).
 */
export async function encodeRunForBranch(source: RunStore, runId: string, maxRunFileBytes: number): Promise<{ run: Run; append: BranchAppend }> {
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
