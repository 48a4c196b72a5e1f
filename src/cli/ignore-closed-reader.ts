/**
 * When the reader of stdout or stderr goes away (`evalgate runs show R | head -1`), writing gets
 * EPIPE, emitted as an 'error' event that would crash the process with a stack trace. Unix tools
 * stop quietly; so does evalgate, but with the exit code its command decides rather than 0 or
 * 141: a run must still be stored to the end, and `evalgate run … | head` in a CI step (bash
 * with `-o pipefail`, GitHub Actions' default) must fail exactly when the gate fails. Every
 * command writes its output in one piece, so finishing costs nothing worth stopping early for.
 */
export function ignoreClosedReader(stream: NodeJS.WriteStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") return;
    throw error;
  });
}
