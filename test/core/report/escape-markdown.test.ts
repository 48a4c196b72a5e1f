import { markdownTable } from "markdown-table";
import { describe, expect, it } from "vitest";
import { escapeMarkdown } from "../../../src/core/report/escape-markdown.js";

const OUR_ENTITY = /&(?:amp|lt|gt|#124|#96|#8203);/g;

/** Properties every escaped string has, whatever went in. */
function expectInert(escaped: string): void {
  expect(escaped).not.toMatch(/[<>|`\r\n\u0000-\u001f]/);
  expect(escaped.replace(OUR_ENTITY, "")).not.toContain("&");
  expect(escaped).not.toMatch(/(?<!\\)[[\]*_~$]/);
  // What GitHub's mention and reference filters see once the entities are decoded.
  const rendered = escaped.replace(/&#8203;/g, "\u200b").replace(OUR_ENTITY, "x");
  expect(rendered).not.toMatch(/@[A-Za-z0-9]/);
  expect(rendered).not.toMatch(/#\d/);
}

const HOSTILE = [
  "</details><script>alert(1)</script>",
  "| a | b |",
  "```js\nalert(1)\n```",
  "@octocat please look",
  "fixes #1 and owner/repo#12 and GH-7",
  "line one\r\nline two\rline three\nline four",
  "<!-- hidden --> visible",
  "[click me](https://evil.example/phish) ![img](x.png)",
  "**bold** _em_ ~~strike~~ $x^2$",
  "&lt;already&gt; &amp; &#64;octocat &#35;1",
  "\u202Eevil\u202C reversed \u2066text\u2069",
  "\u001b[31mred\u001b[0m \u0007bell",
  "- a list\n1. numbered\n> quote\n# heading\n---",
  "backslash \\| pipe and \\` tick",
];

describe("escapeMarkdown", () => {
  it.each(HOSTILE)("leaves hostile text inert: %j", (text) => {
    expectInert(escapeMarkdown(text));
  });

  it("cannot close a <details> or open HTML, an HTML comment or a script", () => {
    expect(escapeMarkdown("</details><script>x</script>")).toBe("&lt;/details&gt;&lt;script&gt;x&lt;/script&gt;");
    expect(escapeMarkdown("<!-- -->")).toBe("&lt;!-- --&gt;");
  });

  it("keeps a table cell in one piece", () => {
    const cells = HOSTILE.map((text) => escapeMarkdown(text));
    const table = markdownTable([["text", "n"], ...cells.map((cell, index) => [cell, String(index)])], { alignDelimiters: false });
    const lines = table.split("\n");
    expect(lines).toHaveLength(HOSTILE.length + 2);
    for (const line of lines) expect(line.split("|")).toHaveLength(4);
  });

  it("puts a zero-width space into mentions and issue references", () => {
    expect(escapeMarkdown("@octocat")).toBe("@&#8203;octocat");
    expect(escapeMarkdown("#123")).toBe("#&#8203;123");
    expect(escapeMarkdown("see GH-12")).toBe("see GH&#8203;-12");
  });

  it("breaks bare URLs so they do not become links or cross-references", () => {
    expect(escapeMarkdown("https://github.com/o/r/issues/1")).toBe("https:&#8203;//github.com/o/r/issues/1");
    expect(escapeMarkdown("www.example.com")).toBe("www&#8203;.example.com");
  });

  it("escapes text that would start a list or a heading underline", () => {
    expect(escapeMarkdown("- item")).toBe("\\- item");
    expect(escapeMarkdown("1. first")).toBe("1\\. first");
    expect(escapeMarkdown("===")).toBe("\\===");
  });

  it("turns line breaks into spaces and drops control and bidi characters", () => {
    expect(escapeMarkdown("a\r\nb\n\nc\td")).toBe("a b c d");
    expect(escapeMarkdown("\u202Eabc\u202C\u0000")).toBe("abc");
  });

  it("truncates a 60 KB string to the maximum length with an ellipsis", () => {
    const escaped = escapeMarkdown("x|".repeat(30_000), { maxLength: 100 });
    expect(escaped.endsWith("…")).toBe(true);
    expect(escaped.replace(/&#124;/g, "|")).toHaveLength(100);
    expect(escapeMarkdown("y".repeat(60_000)).length).toBe(200);
  });

  it("never cuts an entity or a surrogate pair in half", () => {
    const escaped = escapeMarkdown("<".repeat(50), { maxLength: 10 });
    expect(escaped).toBe(`${"&lt;".repeat(9)}…`);
    const emoji = escapeMarkdown("😀".repeat(300), { maxLength: 5 });
    expect(emoji).toBe("😀😀😀😀…");
    expect(escapeMarkdown("é 日本語 👩‍💻")).toBe("é 日本語 👩‍💻");
  });

  it("shows text that was already entity-encoded literally", () => {
    expect(escapeMarkdown("&#64;octocat")).toBe("&amp;#&#8203;64;octocat");
  });

  it("keeps ordinary prose readable", () => {
    expect(escapeMarkdown("The order was refunded (2 items).")).toBe("The order was refunded (2 items).");
  });
});
