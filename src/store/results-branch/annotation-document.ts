import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { UserError } from "../../core/errors.js";
import { AnnotationSchema, type Annotation } from "../../core/model/annotation.js";

/**
 * A file of annotations on the results branch: gzipped JSON lines, a header line
 * `{"format":1,"run_id":…}`, then one annotation per line. One file per write, so writers never
 * touch the same path; readers apply the files in path order, a later one replacing an earlier
 * one's annotation of the same (run item, name).
 */
export const ANNOTATION_DOCUMENT_FORMAT = 1;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

interface AnnotationDocumentHeader {
  format: typeof ANNOTATION_DOCUMENT_FORMAT;
  run_id: string;
}

export async function encodeAnnotationDocument(runId: string, annotations: readonly Annotation[]): Promise<Buffer> {
  const header: AnnotationDocumentHeader = { format: ANNOTATION_DOCUMENT_FORMAT, run_id: runId };
  const lines = [JSON.stringify(header), ...annotations.map((annotation) => JSON.stringify(annotation))];
  return gzipAsync(Buffer.from(`${lines.join("\n")}\n`, "utf8"));
}

/** The file's annotations in written order; `where` (`owner/repo@branch:path`) names the file in errors. */
export async function decodeAnnotationDocument(gzipped: Buffer, where: string): Promise<Annotation[]> {
  const lines = (await gunzipAsync(gzipped)).toString("utf8").split("\n").filter((line) => line !== "");
  const [headerLine, ...annotationLines] = lines;
  const header = JSON.parse(headerLine ?? "{}") as Partial<AnnotationDocumentHeader>;
  if (header.format !== ANNOTATION_DOCUMENT_FORMAT) {
    throw new UserError(
      `${where} has annotations file format ${String(header.format)}, but this evalgate reads format ${ANNOTATION_DOCUMENT_FORMAT}: upgrade evalgate`,
    );
  }
  // Parsed, not cast: a file edited by hand must not feed a report a value of the wrong type.
  return annotationLines.map((line) => AnnotationSchema.parse(JSON.parse(line)));
}
