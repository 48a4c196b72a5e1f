import { describe, expect, it } from "vitest";
import { selectorFor } from "../../../src/core/selection/item-selector.js";
import { rowHash } from "../../../src/core/selection/row-hash.js";
import type { Item } from "../../../src/core/model/item.js";

const item = (index: number): Item => ({ id: `item-${index}`, input: {} }) as Item;
const kept = (selection: Parameters<typeof selectorFor>[0], rows: number): number[] => {
  const selector = selectorFor(selection, rows);
  return Array.from({ length: rows }, (_, index) => index).filter((index) => selector(item(index), index));
};

describe("the seeded row hash", () => {
  it("gives the seed tool's values for seed 42, rows 0-4", () => {
    const values = [0, 1, 2, 3, 4].map((index) => Number(rowHash(42, index).toFixed(6)));
    expect(values).toEqual([0.601104, 0.999811, 0.83618, 0.037196, 0.060074]);
  });

  it("--sample 50 --seed 42 over 10 rows keeps rows 3, 4, 7 and 9", () => {
    expect(kept({ mode: "sample", value: "50", seed: 42 }, 10)).toEqual([3, 4, 7, 9]);
  });

  it("--sample 100 keeps every row", () => {
    expect(kept({ mode: "sample", value: "100", seed: 7 }, 25)).toHaveLength(25);
  });

  it("--split train:80 --seed 42 over 10 rows puts rows 0, 3, 4, 5, 7, 8, 9 in train", () => {
    expect(kept({ mode: "split", value: "train:80", seed: 42 }, 10)).toEqual([0, 3, 4, 5, 7, 8, 9]);
  });

  it.each([
    [undefined, 10, 80],
    [42, 10, 80],
    [42, 101, 37],
    [undefined, 7, 50],
    [-3, 50, 1],
  ])("train:P and test:P (seed %s, %i rows, P %i) are disjoint and together cover every row", (seed, rows, percent) => {
    const withSeed = seed === undefined ? {} : { seed };
    const train = kept({ mode: "split", value: `train:${percent}`, ...withSeed }, rows);
    const test = kept({ mode: "split", value: `test:${percent}`, ...withSeed }, rows);
    expect(train.filter((index) => test.includes(index))).toEqual([]);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(Array.from({ length: rows }, (_, index) => index));
  });

  it("without a seed, --split train:P takes the first round(N·P/100) rows", () => {
    expect(kept({ mode: "split", value: "train:80" }, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(kept({ mode: "split", value: "test:80" }, 10)).toEqual([8, 9]);
    expect(kept({ mode: "split", value: "train:50" }, 5)).toEqual([0, 1, 2]);
  });

  it("--rows keeps the listed zero-based rows and ranges", () => {
    expect(kept({ mode: "rows", value: "0,3-5,9" }, 10)).toEqual([0, 3, 4, 5, 9]);
    expect(kept({ mode: "rows", value: "8-20" }, 10)).toEqual([8, 9]);
  });
});
