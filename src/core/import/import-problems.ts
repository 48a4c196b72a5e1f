import { UserError } from "../errors.js";

/** Problems listed in one message: enough to fix a pattern, short enough to read. */
export const MAX_LISTED_PROBLEMS = 20;

/**
 * Every problem of an import file, gathered before anything is stored, so one attempt shows all
 * of them (up to MAX_LISTED_PROBLEMS, then a count) rather than one per attempt.
 */
export class ImportProblems {
  private readonly listed: string[] = [];
  private total = 0;

  add(message: string): void {
    this.total += 1;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(message);
  }

  get count(): number {
    return this.total;
  }

  /** Throws one UserError listing the problems, when there are any. */
  throwIfAny(file: string): void {
    if (this.total === 0) return;
    if (this.total === 1) throw new UserError(`${this.listed[0]!}\nnothing was imported`);
    const more = this.total - this.listed.length;
    throw new UserError(
      [
        `${file}: ${this.total} problems, nothing was imported:`,
        ...this.listed.map((message) => `  ${message}`),
        ...(more > 0 ? [`  … and ${more} more`] : []),
      ].join("\n"),
    );
  }
}
