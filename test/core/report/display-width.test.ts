import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { displayWidth, padToWidth, truncateToWidth } from "../../../src/core/report/display-width.js";

const MIXED = "ab日本語👍🏽🇯🇵e\u0301👨‍👩‍👧 end";

describe("displayWidth", () => {
  it("counts wide characters and emoji as two columns, combining marks as none", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("日本語")).toBe(6);
    expect(displayWidth("👍🏽")).toBe(2);
    expect(displayWidth("🇯🇵")).toBe(2);
    expect(displayWidth("e\u0301")).toBe(1);
  });
});

describe("truncateToWidth", () => {
  it("keeps text that fits, and cuts the rest to at most the columns, ending in …", () => {
    expect(truncateToWidth("日本語", 6)).toBe("日本語");
    expect(truncateToWidth("日本語", 5)).toBe("日本…");
    expect(truncateToWidth("日本語", 4)).toBe("日…");
    for (let columns = 1; columns <= displayWidth(MIXED) + 1; columns += 1) {
      const cut = truncateToWidth(MIXED, columns);
      expect(stringWidth(cut)).toBeLessThanOrEqual(columns);
      // Never a broken character: what is kept is a start of the text, cut between graphemes.
      const kept = cut.endsWith("…") ? cut.slice(0, -1) : cut;
      expect(MIXED.startsWith(kept)).toBe(true);
      const graphemes = [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(MIXED)];
      expect(kept === "" || graphemes.some(({ index, segment }) => index + segment.length === kept.length)).toBe(true);
    }
  });

  it("reads no further than it needs: cutting a long output to a cell is quick", () => {
    const long = "日本語".repeat(2_000_000);
    const started = performance.now();
    expect(truncateToWidth(long, 10)).toBe("日本語日…");
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("padToWidth", () => {
  it("pads by display width, on either side", () => {
    expect(padToWidth("日本", 6)).toBe("日本  ");
    expect(padToWidth("日本", 6, "right")).toBe("  日本");
  });
});
