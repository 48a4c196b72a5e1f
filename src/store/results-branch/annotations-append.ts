import { randomBytes } from "node:crypto";
import type { Annotation } from "../../core/model/annotation.js";
import type { BranchAppend, BranchFile } from "./append-to-branch.js";
import { encodeAnnotationDocument } from "./annotation-document.js";
import { annotationsPath } from "./layout.js";

/**
 * One commit adding annotations of published runs: a new file per run, named for the time it was
 * written (`writtenAt`, an ISO time) and a random suffix, so writers on other machines never pick
 * the same path and readers apply the files in the order they were written.
 */
export async function annotationsAppend(byRun: ReadonlyMap<string, readonly Annotation[]>, writtenAt: string): Promise<BranchAppend> {
  const files: BranchFile[] = [];
  for (const [runId, annotations] of byRun) {
    const path = annotationsPath(runId, { writtenAt, random: randomBytes(4).toString("hex") });
    files.push({ path, content: await encodeAnnotationDocument(runId, annotations) });
  }
  const [file, ...others] = files;
  if (file === undefined) throw new Error("annotationsAppend needs at least one run's annotations");
  const count = [...byRun.values()].reduce((sum, annotations) => sum + annotations.length, 0);
  const runs = [...byRun.keys()];
  const message = `evalgate: annotate ${runs.length === 1 ? `run ${runs[0]}` : `${runs.length} runs`} (${count} annotation${count === 1 ? "" : "s"})`;
  return {
    message,
    file,
    // New paths: "if absent" always writes them.
    filesIfAbsent: others,
    whenGivenUp: "nothing was stored; run `evalgate runs annotate` again (annotating twice leaves one value)",
  };
}

/** ISO times that only move forward within a process, so two writes in one millisecond keep their order. */
export class WriteClock {
  private last = 0;

  next(): string {
    this.last = Math.max(Date.now(), this.last + 1);
    return new Date(this.last).toISOString();
  }
}
