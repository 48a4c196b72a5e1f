import { UserError } from "../errors.js";

/** One inclusive range of zero-based row indexes. */
export interface RowRange {
  start: number;
  end: number;
}

/** `--rows 0,3-5,9`: zero-based row indexes and inclusive ranges over the dataset's order. */
export function parseRowsSpec(spec: string): RowRange[] {
  return spec.split(",").map((raw) => {
    const token = raw.trim();
    if (token === "") throw rowsError(spec, "has an empty entry");
    const parts = token.split("-");
    if (parts.length > 2) throw rowsError(spec, `has a bad range "${token}"`);
    const [start, end] = parts.map((part) => rowIndex(spec, token, part.trim()));
    if (end !== undefined && start! > end) throw rowsError(spec, `has a range "${token}" whose start is after its end`);
    return { start: start!, end: end ?? start! };
  });
}

function rowIndex(spec: string, token: string, part: string): number {
  if (part === "") throw rowsError(spec, `has a bad range "${token}"`);
  if (!/^\d+$/.test(part) || !Number.isSafeInteger(Number(part))) {
    throw rowsError(spec, `has "${part}", which is not a whole number ≥ 0`);
  }
  return Number(part);
}

function rowsError(spec: string, problem: string): UserError {
  return new UserError(`--rows "${spec}" ${problem}; write zero-based rows and ranges like 0,3-5,9`);
}

export function inRowRanges(ranges: readonly RowRange[], index: number): boolean {
  return ranges.some((range) => index >= range.start && index <= range.end);
}
