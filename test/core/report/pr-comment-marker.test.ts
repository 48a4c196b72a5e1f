import { describe, expect, it } from "vitest";
import {
  commentMarker,
  commentMetaLine,
  isCommentFor,
  parseCommentMeta,
} from "../../../src/core/report/comment-marker.js";
import { renderPrComment } from "../../../src/core/report/render-pr-comment.js";
import { flipInput, HEAD_SHA, sampleInput } from "./pr-comment-inputs.js";

describe("the hidden comment marker", () => {
  it("is the comment's first line and names the experiment", async () => {
    const body = renderPrComment(await sampleInput());
    expect(body.split("\n")[0]).toBe('<!-- evalgate:comment experiment="support-agent-quality" -->');
    expect(commentMarker("support-agent-quality")).toBe(body.split("\n")[0]);
  });

  it("finds the comment of its own experiment only, not one whose name it prefixes, nor a quoted copy", async () => {
    const body = renderPrComment(await sampleInput());
    expect(isCommentFor(body, "support-agent-quality")).toBe(true);
    expect(isCommentFor(body, "support-agent")).toBe(false);
    expect(isCommentFor(body, "support-agent-quality-2")).toBe(false);
    expect(isCommentFor(`> ${body}`, "support-agent-quality")).toBe(false);
    expect(isCommentFor(body.replace(/\n/g, "\r\n"), "support-agent-quality")).toBe(true);
  });

  it("encodes a name that would end the quoted value or the HTML comment", () => {
    const name = 'x" --> <script>alert(1)</script> --!>';
    const marker = commentMarker(name);
    expect(marker.match(/-->/g)).toHaveLength(1);
    expect(marker.endsWith(" -->")).toBe(true);
    expect(marker).not.toMatch(/<script|--!>/);
    expect(marker.match(/"/g)).toHaveLength(2);
    expect(isCommentFor(`${marker}\nrest`, name)).toBe(true);
    expect(isCommentFor(`${marker}\nrest`, "x")).toBe(false);
  });

  it("gives two names that differ only in an encoded character two markers", () => {
    expect(commentMarker("a b")).not.toBe(commentMarker("a+b"));
    expect(commentMarker("a%20b")).not.toBe(commentMarker("a b"));
  });
});

describe("the hidden metadata line", () => {
  it("round-trips the head sha, the verdict and the flip counts of a rendered comment", async () => {
    const body = renderPrComment(await flipInput({ regressions: 6, fixes: 9, steady: 35 }));
    expect(body.split("\n")[1]).toBe(
      `<!-- evalgate:meta {"head_sha":"${HEAD_SHA}","verdict":"fail","regressions":6,"fixes":9} -->`,
    );
    expect(parseCommentMeta(body)).toEqual({ head_sha: HEAD_SHA, verdict: "fail", regressions: 6, fixes: 9 });
  });

  it("records no-baseline with zero flips", async () => {
    const body = renderPrComment(await sampleInput({ verdictLabel: "no-baseline" }));
    expect(parseCommentMeta(body)).toEqual({ head_sha: HEAD_SHA, verdict: "no-baseline", regressions: 0, fixes: 0 });
  });

  it("keeps a hostile head sha from ending the HTML comment and still reads it back", () => {
    const meta = { head_sha: 'abc"--><img src=x onerror=alert(1)>', verdict: "pass" as const, regressions: 0, fixes: 1 };
    const line = commentMetaLine(meta);
    expect(line.match(/>/g)).toHaveLength(1);
    expect(line).not.toContain("<img");
    expect(parseCommentMeta(`marker\n${line}\n`)).toEqual(meta);
  });

  it("reads nothing from a body that is not ours or whose metadata was mangled", () => {
    expect(parseCommentMeta("LGTM, ship it")).toBeUndefined();
    expect(parseCommentMeta("x\n<!-- evalgate:meta {not json} -->")).toBeUndefined();
    expect(parseCommentMeta('x\n<!-- evalgate:meta {"verdict":"maybe"} -->')).toBeUndefined();
    // Text further down (a quoted comment, a model's output) is never read as metadata.
    const late = `a\nb\nc\nd\ne\n${commentMetaLine({ head_sha: "x", verdict: "pass", regressions: 0, fixes: 0 })}`;
    expect(parseCommentMeta(late)).toBeUndefined();
  });

  it("reads a body GitHub returns with CRLF line ends", async () => {
    const body = renderPrComment(await flipInput({ regressions: 1, fixes: 0 })).replace(/\n/g, "\r\n");
    expect(parseCommentMeta(body)).toMatchObject({ verdict: "fail", regressions: 1, fixes: 0 });
  });
});
