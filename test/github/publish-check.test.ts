import { describe, expect, it } from "vitest";
import { finishCheck, startCheck } from "../../src/github/publish-check.js";
import { owner, repo, useFakeGitHub } from "./github-fixture.js";

const gh = useFakeGitHub();
const name = "evalgate / support-agent-quality";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function headOfNewPull(): string {
  return gh.fake.addPullRequest({ owner, repo, head: "feature" }).headSha;
}

describe("startCheck and finishCheck", () => {
  it("a check run starts in progress and completes with the verdict and its output", async () => {
    const headSha = headOfNewPull();
    const octokit = gh.client();

    const handle = await startCheck(octokit, { owner, repo, name, headSha, detailsUrl: "https://ci.example/run/7" });
    const started = [...gh.fake.repo(owner, repo).checkRuns.values()];
    expect(started.map((run) => [run.name, run.status, run.headSha, run.detailsUrl])).toEqual([[name, "in_progress", headSha, "https://ci.example/run/7"]]);

    const url = await finishCheck(octokit, handle, { conclusion: "failure", title: "2 regressions", summary: "## Summary", text: "details" });

    const [run] = gh.fake.repo(owner, repo).checkRuns.values();
    expect(run).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "2 regressions", summary: "## Summary", text: "details" } });
    expect(url).toBe(`https://github.com/acme/shop/runs/${run?.id}`);
    expect(handle).toMatchObject({ kind: "check-run", id: run?.id, url });
  });

  it("falls back to a commit status when the token may not create check runs", async () => {
    const headSha = headOfNewPull();
    gh.fake.setCheckRunsForbidden(true);
    const octokit = gh.client();

    const handle = await startCheck(octokit, { owner, repo, name, headSha, detailsUrl: "https://ci.example/run/8", log: gh.log });
    expect(gh.fake.repo(owner, repo).statuses.map((status) => [status.context, status.state])).toEqual([[name, "pending"]]);

    const url = await finishCheck(octokit, handle, { conclusion: "failure", title: `3 regressions in ${"a very long experiment name ".repeat(10)}`, summary: "x" });

    const statuses = gh.fake.repo(owner, repo).statuses;
    expect(statuses.map((status) => [status.context, status.state, status.sha])).toEqual([
      [name, "pending", headSha],
      [name, "failure", headSha],
    ]);
    expect(statuses[1]?.description?.length).toBeLessThanOrEqual(140);
    expect(statuses[1]?.description).toMatch(/^3 regressions in a very long.*…$/);
    expect(url).toBe("https://ci.example/run/8");
    expect(gh.fake.repo(owner, repo).checkRuns.size).toBe(0);
    expect(gh.log.messages.join("\n")).toContain("checks: write");
  });

  it("a neutral verdict reads as success on a commit status, which has no neutral", async () => {
    const headSha = headOfNewPull();
    gh.fake.setCheckRunsForbidden(true);
    const octokit = gh.client();
    await finishCheck(octokit, await startCheck(octokit, { owner, repo, name, headSha }), { conclusion: "neutral", title: "No baseline yet", summary: "x" });
    expect(gh.fake.repo(owner, repo).statuses.at(-1)).toMatchObject({ state: "success", description: "No baseline yet" });
  });

  it("a summary and text over 65,535 characters are cut, with a note, to what GitHub accepts, never inside a character", async () => {
    const headSha = headOfNewPull();
    const octokit = gh.client();
    const longSummary = Array.from({ length: 5000 }, (_, index) => `| item-${index} | pass → fail | 0.42 |`).join("\n");
    // 100,000 UTF-16 code units, 10 per repeat: a cut at the wrong place would split a surrogate pair or a flag.
    const longText = `<details><summary>outputs</summary>\n\n${"🙂 漢字 🇫🇷".repeat(10_000)}\n\n</details>`;

    await finishCheck(octokit, await startCheck(octokit, { owner, repo, name, headSha }), { conclusion: "success", title: "ok", summary: longSummary, text: longText });

    const [run] = gh.fake.repo(owner, repo).checkRuns.values();
    const summary = run?.output.summary ?? "";
    const text = run?.output.text ?? "";
    const note = "\n\n_… truncated to fit GitHub's 65,535-character limit for check output._";
    expect(run?.conclusion).toBe("success");
    expect(summary.length).toBeLessThanOrEqual(65_535);
    expect(text.length).toBeLessThanOrEqual(65_535);
    expect(summary).toMatch(/\| 0\.42 \|\n\n_… truncated to fit GitHub's 65,535-character limit for check output\._$/);
    expect(text.endsWith(`\n\n</details>${note}`)).toBe(true);
    expect(text.startsWith(`<details><summary>outputs</summary>\n\n${"🙂 漢字 🇫🇷".repeat(6_000)}`)).toBe(true);
    for (const output of [summary, text]) expect(output).not.toMatch(LONE_SURROGATE);
  });

  it("a title and a status description are cut to one line without splitting a character", async () => {
    const headSha = headOfNewPull();
    gh.fake.setCheckRunsForbidden(true);
    const octokit = gh.client();
    await finishCheck(octokit, await startCheck(octokit, { owner, repo, name, headSha }), { conclusion: "failure", title: `x${"🙂".repeat(200)}`, summary: "x" });
    const description = gh.fake.repo(owner, repo).statuses.at(-1)?.description ?? "";
    // "x", 69 emoji of 2 code units each and "…": 140 code units.
    expect(description).toBe(`x${"🙂".repeat(69)}…`);
  });

  it("a check run create that landed although GitHub answered 502 is found, not created twice", async () => {
    const headSha = headOfNewPull();
    gh.fake.failNext(1, { status: 502, afterHandling: true, match: { method: "POST", path: /\/check-runs$/ } });
    const octokit = gh.client();

    const handle = await startCheck(octokit, { owner, repo, name, headSha });
    await finishCheck(octokit, handle, { conclusion: "success", title: "ok", summary: "ok" });

    const runs = [...gh.fake.repo(owner, repo).checkRuns.values()];
    expect(runs.map((run) => [run.id, run.status, run.conclusion])).toEqual([[handle.kind === "check-run" ? handle.id : -1, "completed", "success"]]);
  });

  it("a check run create that failed with 502 before landing is sent again", async () => {
    const headSha = headOfNewPull();
    gh.fake.failNext(2, { status: 502, match: { method: "POST", path: /\/check-runs$/ } });

    const handle = await startCheck(gh.client(), { owner, repo, name, headSha });

    expect(handle.kind).toBe("check-run");
    expect(gh.fake.repo(owner, repo).checkRuns.size).toBe(1);
    expect(gh.fake.requests.filter((request) => request.method === "POST").map((request) => request.status)).toEqual([502, 502, 201]);
  });

  it("other refusals are not mistaken for missing check permissions", async () => {
    await expect(startCheck(gh.client(), { owner, repo, name, headSha: "0".repeat(40) })).rejects.toMatchObject({ status: 422 });
    expect(gh.fake.repo(owner, repo).statuses).toEqual([]);
  });
});
