import { describe, expect, it } from "vitest";
import { fitToLimit, utf8Length } from "../../src/core/report/fit-to-limit.js";

describe("fitToLimit", () => {
  it("returns the richest level's render that fits", () => {
    const rendered: number[] = [];
    const text = fitToLimit([30, 20, 10, 5], (size) => (rendered.push(size), "x".repeat(size)), 12);
    expect(text).toBe("x".repeat(10));
    expect(rendered).toEqual([30, 20, 10]);
  });

  it("counts UTF-16 code units by default, as GitHub does for a comment", () => {
    const emoji = "😀".repeat(4);
    expect(fitToLimit([emoji, "short"], (text) => text, 7)).toBe("short");
    expect(fitToLimit([emoji, "short"], (text) => text, 8)).toBe(emoji);
  });

  it("throws rather than return a text over the limit", () => {
    expect(() => fitToLimit([100, 50], (size) => "x".repeat(size), 10)).toThrow(/does not fit 10 characters.*\(50\)/);
  });

  it("measures UTF-8 bytes like Buffer does, lone surrogates included", () => {
    for (const text of ["plain", "é", "€ and 😀", "lone \ud800 surrogate", ""]) {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, "utf8"));
    }
  });
});
