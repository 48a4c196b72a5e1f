import { Readable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";

const WRITE_BATCH_CHARS = 1024 * 1024;

/**
 * Gzips lines as they stream in (each gets a trailing newline). Stops with `tooLarge()` as soon
 * as the compressed size passes `maxBytes`, so a file too large to publish fails before it is all
 * read.
 */
export async function gzipLines(lines: AsyncIterable<string> | Iterable<string>, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const gzip = createGzip();
  const collected = (async () => {
    for await (const chunk of gzip as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  })();
  // Settled below; until then a failure here must not count as an unhandled rejection.
  const collectError = collected.then(
    () => undefined,
    (error: unknown) => error,
  );
  try {
    // Lines go to zlib in batches: a write per line waited on zlib's thread for every few lines.
    let batch = "";
    for await (const line of lines) {
      batch += `${line}\n`;
      if (batch.length >= WRITE_BATCH_CHARS) {
        await write(gzip, batch);
        batch = "";
      }
    }
    await write(gzip, batch);
    gzip.end();
  } catch (error) {
    gzip.destroy();
    // When the collector stopped the stream (too large), its error is the one that explains.
    throw (await collectError) ?? error;
  }
  const error = await collectError;
  if (error !== undefined) throw error;
  return Buffer.concat(chunks, size);
}

function write(gzip: ReturnType<typeof createGzip>, text: string): Promise<void> {
  if (gzip.destroyed) return Promise.reject(new Error("the gzip stream was closed"));
  if (gzip.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      gzip.off("close", onClose);
      resolve();
    };
    const onClose = () => {
      gzip.off("drain", onDrain);
      reject(new Error("the gzip stream was closed"));
    };
    gzip.once("drain", onDrain);
    gzip.once("close", onClose);
  });
}

/** The non-empty lines of a gzipped file, decompressed as they are read. */
export async function* gunzipLines(gzipped: Buffer): AsyncGenerator<string> {
  const text = Readable.from([gzipped]).pipe(createGunzip()).setEncoding("utf8");
  let pending = "";
  for await (const chunk of text as AsyncIterable<string>) {
    pending += chunk;
    let newline = pending.indexOf("\n");
    while (newline !== -1) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (line !== "") yield line;
      newline = pending.indexOf("\n");
    }
  }
  if (pending !== "") yield pending;
}
