import { LineBreakCounter } from "./line-breaks.js";

const LF = 0x0a;
const CR = 0x0d;

/**
 * The physical line where each record of a byte stream starts, for a parser that reports how many
 * bytes it had consumed at the end of each record (csv-parse's `info.bytes`). Its own line count
 * is not the editor's: it counts a CRLF inside a quoted field as two lines and knows one record
 * delimiter per file. Offsets only move forward, so only the chunks not yet passed are held.
 */
export class RecordStartLines {
  private readonly chunks: Uint8Array[] = [];
  /** File offset of `chunks[0]`. */
  private chunkStart = 0;
  /** File offset the counter has reached (within `chunks[0]`). */
  private position = 0;
  private readonly counter = new LineBreakCounter();

  /** Every chunk, in order, before the parser sees it. */
  add(chunk: Uint8Array): void {
    if (chunk.length > 0) this.chunks.push(chunk);
  }

  /**
   * The line of the record after the one that ended at `offset`: the first byte from there on
   * that is not a line break (blank lines are skipped, as the parser skips them).
   */
  lineAfter(offset: number): number {
    this.countTo(offset);
    for (;;) {
      const chunk = this.chunks[0];
      if (chunk === undefined) return this.counter.line;
      const from = this.position - this.chunkStart;
      let to = from;
      while (to < chunk.length && (chunk[to] === LF || chunk[to] === CR)) to++;
      this.counter.advance(chunk, from, to);
      this.position = this.chunkStart + to;
      if (to < chunk.length) return this.counter.line;
      this.dropFirstChunk();
    }
  }

  private countTo(offset: number): void {
    for (;;) {
      const chunk = this.chunks[0];
      if (chunk === undefined || offset <= this.position) return;
      const from = this.position - this.chunkStart;
      const to = Math.min(offset - this.chunkStart, chunk.length);
      this.counter.advance(chunk, from, to);
      this.position = this.chunkStart + to;
      if (to < chunk.length) return;
      this.dropFirstChunk();
    }
  }

  private dropFirstChunk(): void {
    this.chunkStart += this.chunks.shift()!.length;
  }
}
