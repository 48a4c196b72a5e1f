import { describe, expect, it } from "vitest";
import { describePassRule, passesOverRepeats } from "../../../src/core/repeats/repeat-rule.js";

describe("passesOverRepeats", () => {
  it("asks every attempt under all and weighted, more than half under majority, one under any", () => {
    expect(passesOverRepeats("all", 5, 5)).toBe(true);
    expect(passesOverRepeats("all", 4, 5)).toBe(false);
    expect(passesOverRepeats("weighted", 4, 5)).toBe(false);
    expect(passesOverRepeats("majority", 3, 5)).toBe(true);
    expect(passesOverRepeats("majority", 2, 4)).toBe(false); // a tie is not a majority
    expect(passesOverRepeats("any", 1, 5)).toBe(true);
    expect(passesOverRepeats("any", 0, 5)).toBe(false);
  });

  it("reaches a rate on the boundary despite floating point", () => {
    expect(passesOverRepeats({ rate: 0.8 }, 4, 5)).toBe(true);
    expect(passesOverRepeats({ rate: 0.7 }, 7, 10)).toBe(true);
    expect(passesOverRepeats({ rate: 0.7 }, 6, 10)).toBe(false);
  });

  it("never passes without attempts", () => {
    expect(passesOverRepeats("any", 0, 0)).toBe(false);
    expect(passesOverRepeats({ rate: 0.1 }, 0, 0)).toBe(false);
  });

  it("writes the rule as a user would", () => {
    expect(describePassRule("majority")).toBe("majority");
    expect(describePassRule({ rate: 0.8 })).toBe("rate >= 0.8");
  });
});
