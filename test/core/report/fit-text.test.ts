import { describe, expect, it } from "vitest";
import { truncate } from "../../../src/core/report/excerpt.js";
import {
  cutNote,
  cutToFit,
  fitLevels,
  fitLine,
  GITHUB_LIMITS,
  measure,
  prefixWithin,
  suffixWithin,
  type TextLimit,
  type TextUnit,
  utf8Length,
} from "../../../src/core/report/fit-text.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REGIONAL_INDICATOR = /[\u{1F1E6}-\u{1F1FF}]/gu;
const UNITS: readonly TextUnit[] = ["characters", "bytes"];

/** Independent of the module: UTF-16 code units, or UTF-8 bytes as Node encodes them. */
function sizeOf(text: string, unit: TextUnit): number {
  return unit === "bytes" ? Buffer.byteLength(text, "utf8") : text.length;
}

/** The kept text of a cut result and the ending that says it was cut. */
function splitEnding(result: string, note: string): { kept: string; ending: string } {
  for (const ending of [note, "…"]) if (result.endsWith(ending)) return { kept: result.slice(0, -ending.length), ending };
  return { kept: result, ending: "" };
}

// Emoji (surrogate pairs), an emoji with a skin-tone modifier, CJK (3 bytes each), flags (pairs of pairs).
const MIXED = "🙂🙂🙂 漢字 mixed with 🇫🇷🇫🇷 and 👍🏽 text\n".repeat(3);

describe("measure and utf8Length", () => {
  it("counts characters as UTF-16 code units and bytes as UTF-8, like Buffer", () => {
    expect(measure("🙂", { unit: "characters" })).toBe(2);
    expect(measure("🙂", { unit: "bytes" })).toBe(4);
    expect(measure("漢字", { unit: "bytes" })).toBe(6);
    for (const text of ["plain", "é", "€ and 😀", "lone \ud800 surrogate", "\udc00 at the start", "", MIXED]) {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, "utf8"));
    }
  });

  it("names GitHub's limits in the unit GitHub counts them in", () => {
    expect(GITHUB_LIMITS.comment).toEqual({ limit: 65_536, unit: "characters" });
    expect(GITHUB_LIMITS.checkSummary).toEqual({ limit: 65_535, unit: "characters" });
    expect(GITHUB_LIMITS.checkText).toEqual({ limit: 65_535, unit: "characters" });
    expect(GITHUB_LIMITS.statusDescription).toEqual({ limit: 140, unit: "characters" });
    expect(GITHUB_LIMITS.jobSummary).toEqual({ limit: 1024 * 1024, unit: "bytes" });
  });
});

describe("fitLevels", () => {
  it("returns the richest level's whole render that fits", () => {
    const rendered: number[] = [];
    const text = fitLevels([30, 20, 10, 5], (size) => (rendered.push(size), "x".repeat(size)), { limit: 12, unit: "characters" });
    expect(text).toBe("x".repeat(10));
    expect(rendered).toEqual([30, 20, 10]);
  });

  it("measures in the limit's unit", () => {
    const emoji = "😀".repeat(4);
    expect(fitLevels([emoji, "short"], (text) => text, { limit: 8, unit: "characters" })).toBe(emoji);
    expect(fitLevels([emoji, "short"], (text) => text, { limit: 8, unit: "bytes" })).toBe("short");
    expect(fitLevels([emoji, "short"], (text) => text, { limit: 16, unit: "bytes" })).toBe(emoji);
  });

  it("cuts the leanest level, saying so, when not even that one fits", () => {
    const limit: TextLimit = { limit: 60, unit: "characters" };
    const text = fitLevels([100, 80], (size) => "x".repeat(size), limit);
    expect(text.length).toBeLessThanOrEqual(60);
    expect(text.endsWith(cutNote(limit))).toBe(true);
  });
});

describe("cutToFit", () => {
  it("returns a text that fits unchanged", () => {
    expect(cutToFit(MIXED, { limit: MIXED.length, unit: "characters" })).toBe(MIXED);
  });

  for (const unit of UNITS) {
    it(`cut at every limit in ${unit}, never splits an emoji, a flag or a CJK character, stays within the limit and says it was cut`, () => {
      const size = sizeOf(MIXED, unit);
      // "…" alone takes 3 bytes: below that nothing can say it was cut.
      for (let limit = unit === "bytes" ? 3 : 1; limit < size; limit += 1) {
        const fitted = cutToFit(MIXED, { limit, unit });
        const note = cutNote({ limit, unit });
        expect(sizeOf(fitted, unit), `limit ${limit}`).toBeLessThanOrEqual(limit);
        expect(fitted, `limit ${limit}`).not.toMatch(LONE_SURROGATE);
        const { kept, ending } = splitEnding(fitted, note);
        expect(ending, `limit ${limit}`).not.toBe("");
        expect(MIXED.startsWith(kept), `limit ${limit}`).toBe(true);
        expect((kept.match(REGIONAL_INDICATOR)?.length ?? 0) % 2, `limit ${limit}`).toBe(0);
        expect(kept.endsWith("👍"), `limit ${limit}`).toBe(false);
      }
    });
  }

  it("returns nothing when not even \"…\" fits", () => {
    expect(cutToFit(MIXED, { limit: 2, unit: "bytes" })).toBe("");
  });

  it("replaces a lone surrogate already in the text, keeping its length", () => {
    const text = `broken \ud83d pair ${"x".repeat(100)}`;
    const fitted = cutToFit(text, { limit: 60, unit: "characters" }, "…");
    expect(fitted).toBe(`broken \ufffd pair ${"x".repeat(60 - 15)}…`);
  });

  it("prefers a line break near the end, so a table row stays whole", () => {
    const rows = Array.from({ length: 20 }, (_, index) => `| row ${String(index).padStart(2, "0")} |`).join("\n");
    const fitted = cutToFit(rows, { limit: 100, unit: "characters" }, "\n…");
    // Each row is 10 characters plus its line break: 8 whole rows and the note take 87 + 2.
    expect(fitted).toBe(`${rows.split("\n").slice(0, 8).join("\n")}\n…`);
  });

  it("never cuts inside an entity or a tag, and closes every <details> and <summary> it leaves open", () => {
    const block = (index: number) =>
      `<details open><summary>item ${index} &lt;b&gt; &#124;</summary>\n\n| a | b |\n|---|---|\n| x &#124; y | &amp;&#8203;@ |\n\n</details>`;
    const text = [1, 2, 3].map(block).join("\n\n");
    for (let limit = 1; limit < text.length; limit += 1) {
      const note = cutNote({ limit, unit: "characters" });
      const fitted = cutToFit(text, { limit, unit: "characters" });
      expect(fitted.length, `limit ${limit}`).toBeLessThanOrEqual(limit);
      const { kept } = splitEnding(fitted, note);
      expect(kept.match(/<details/g)?.length ?? 0, `limit ${limit}`).toBe(kept.match(/<\/details>/g)?.length ?? 0);
      expect(kept.match(/<summary>/g)?.length ?? 0, `limit ${limit}`).toBe(kept.match(/<\/summary>/g)?.length ?? 0);
      // Every "&" starts a whole entity; every "<" starts a whole tag.
      expect(kept.replace(/&(?:#\d+|[a-z]+);/g, ""), `limit ${limit}`).not.toContain("&");
      expect(kept.replace(/<\/?(?:details|summary)(?: open)?>/g, ""), `limit ${limit}`).not.toContain("<");
    }
  });

  it("closes a code fence inside <details> before closing the <details>", () => {
    const file = Array.from({ length: 200 }, (_, index) => `- id: item-${index}`).join("\n");
    const text = `Added:\n\n<details>\n<summary>evals/x.yaml</summary>\n\n\`\`\`\`yaml\n${file}\n\`\`\`\`\n\n</details>\n\nA rerun has started.`;
    const fitted = cutToFit(text, { limit: 1_000, unit: "characters" }, "\n\n_… cut._");
    expect(fitted.length).toBeLessThanOrEqual(1_000);
    expect(fitted).toMatch(/- id: item-\d+\n````\n\n<\/details>\n\n_… cut\._$/);
  });

  it("fits 1 MiB of 3-byte characters in bytes", () => {
    const text = "漢".repeat(400_000);
    const limit = GITHUB_LIMITS.jobSummary;
    const note = cutNote(limit);
    const fitted = cutToFit(text, limit);
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(1_048_576);
    expect(fitted.endsWith(note)).toBe(true);
    expect(fitted.length - note.length).toBe(Math.floor((1_048_576 - Buffer.byteLength(note)) / 3));
  });
});

describe("fitLine", () => {
  for (const unit of UNITS) {
    it(`puts a title on one line within the limit in ${unit}, ending in "…" when cut`, () => {
      const size = sizeOf(MIXED.replace(/\s+/g, " ").trim(), unit);
      for (let limit = 3; limit < size; limit += 1) {
        const line = fitLine(MIXED, { limit, unit });
        expect(sizeOf(line, unit), `limit ${limit}`).toBeLessThanOrEqual(limit);
        expect(line, `limit ${limit}`).not.toMatch(LONE_SURROGATE);
        expect(line, `limit ${limit}`).not.toContain("\n");
        expect(line.endsWith("…"), `limit ${limit}`).toBe(true);
      }
    });
  }

  it("keeps a line that fits, whitespace collapsed", () => {
    expect(fitLine("  2 regressions\n in  x ", GITHUB_LIMITS.statusDescription)).toBe("2 regressions in x");
  });
});

describe("prefixWithin and suffixWithin", () => {
  it("keep whole characters at either end", () => {
    const text = "🙂".repeat(10);
    expect(prefixWithin(text, { limit: 5, unit: "characters" })).toBe("🙂🙂");
    expect(prefixWithin(text, { limit: 7, unit: "bytes" })).toBe("🙂");
    expect(suffixWithin(text, { limit: 5, unit: "characters" })).toBe("🙂🙂");
    expect(suffixWithin(text, { limit: 9, unit: "bytes" })).toBe("🙂🙂");
    expect(suffixWithin("🇫🇷🇫🇷🇫🇷", { limit: 6, unit: "characters" })).toBe("🇫🇷");
  });
});

describe("truncate", () => {
  it("keeps at most max code points, never splits a flag or an emoji, and ends in \"…\"", () => {
    for (let max = 1; max < 60; max += 1) {
      const cut = truncate(MIXED, max);
      expect(Array.from(cut).length, `max ${max}`).toBeLessThanOrEqual(max);
      expect(cut, `max ${max}`).not.toMatch(LONE_SURROGATE);
      expect(cut.endsWith("…"), `max ${max}`).toBe(true);
      expect((cut.match(REGIONAL_INDICATOR)?.length ?? 0) % 2, `max ${max}`).toBe(0);
    }
  });
});
