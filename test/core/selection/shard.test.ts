import { describe, expect, it } from "vitest";
import { parseShard, shardOfItem, shardSelector } from "../../../src/core/selection/shard.js";
import { UserError } from "../../../src/core/errors.js";

const items = Array.from({ length: 500 }, (_, i) => ({ id: `item-${i}` }));

function partition(list: { id: string }[], count: number): string[][] {
  return Array.from({ length: count }, (_, i) =>
    list.filter((item, index) => shardSelector({ index: i + 1, count })(item, index)).map((item) => item.id),
  );
}

describe("sharding by item id", () => {
  it("puts every item in exactly one of N shards", () => {
    for (const count of [1, 2, 3, 4, 7, 256]) {
      const shards = partition(items, count);
      const all = shards.flat();
      expect(all).toHaveLength(items.length);
      expect(new Set(all).size).toBe(items.length);
    }
  });

  it("spreads items over all four shards", () => {
    for (const shard of partition(items, 4)) expect(shard.length).toBeGreaterThan(80);
  });

  it("does not depend on the order of the dataset file", () => {
    const reversed = [...items].reverse();
    const forward = partition(items, 4).map((ids) => [...ids].sort());
    const backward = partition(reversed, 4).map((ids) => [...ids].sort());
    expect(backward).toEqual(forward);
    expect(shardOfItem("item-1", 4)).toBe(shardOfItem("item-1", 4));
  });

  it("parses I/N and refuses anything else with what to write", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    expect(parseShard("256/256")).toEqual({ index: 256, count: 256 });
    for (const bad of ["0/4", "5/4", "1/0", "1/257", "a/4", "2", "-1/4", "1.5/4", ""]) {
      expect(() => parseShard(bad)).toThrow(UserError);
      expect(() => parseShard(bad)).toThrow(/write I\/N/);
    }
  });
});
