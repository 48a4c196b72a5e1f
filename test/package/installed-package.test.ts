import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sign } from "@octokit/webhooks-methods";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REQUIRED_NODE_MAJOR } from "../../src/core/required-node.js";
import { commentEvent, INSTALLATION_ID, OWNER, REPO, REPO_FILES } from "../bot/bot-harness.js";
import { arithmeticConfig, startArithmeticTarget } from "../cli/workspace-config.js";
import { arithmeticDataset } from "../helpers/cli.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import type { TargetServer } from "../helpers/target-server.js";
import {
  APP_ID,
  packAndInstall,
  PATH_WITH_NODE_24,
  PRIVATE_KEY,
  ROOT,
  runCommand,
  startBotProcess,
  type InstalledPackage,
  type StartedBot,
} from "./installed-package.js";

const OLD_NODE = "/usr/bin/node";
const SECRET = "installed-package-webhook-secret";

/** The Node at /usr/bin/node when it is older than the one evalgate needs (the machine's system Node). */
function oldNodeVersion(): string | undefined {
  if (!existsSync(OLD_NODE)) return undefined;
  const version = execFileSync(OLD_NODE, ["-p", "process.versions.node"], { encoding: "utf8" }).trim();
  return Number.parseInt(version, 10) < REQUIRED_NODE_MAJOR ? version : undefined;
}

let workDir: string | undefined;
let installed: InstalledPackage;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "evalgate-package-"));
  installed = await packAndInstall(workDir);
}, 180_000);
afterAll(async () => {
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

describe("the npm package", () => {
  it("holds the CLI, the Action's and the bot's bundles, action.yml, README and LICENSE, and no sources or tests", () => {
    expect(installed.files.filter((file) => /^(src|test)\//.test(file))).toEqual([]);
    expect(installed.files).toEqual(
      expect.arrayContaining(["dist/cli/index.js", "dist/index.js", "dist/bot/index.js", "action.yml", "README.md", "LICENSE", "package.json"]),
    );
    expect(readFileSync(path.join(installed.packageDir, "LICENSE"), "utf8")).toContain("Copyright (c) 2026 evalgate contributors");
    // The bin keeps the Node flags of its shebang (a bounded young generation; the bench reads them too).
    const shebang = readFileSync(path.join(installed.packageDir, "dist/cli/index.js"), "utf8").split("\n", 1)[0];
    expect(shebang).toMatch(/^#!\/usr\/bin\/env -S node --max-semi-space-size=\d+$/);
  });

  it("installs one runtime dependency, playwright-core (it reads its own files at run time, so no bundle can carry it); the ncc bundles carry the rest", async () => {
    const modules = (await readdir(path.join(installed.projectDir, "node_modules"))).filter((name) => !name.startsWith("."));
    expect(modules).toEqual(["evalgate", "playwright-core"]);
    // It never fetches a browser: no install script runs with it.
    const pw = JSON.parse(readFileSync(path.join(installed.projectDir, "node_modules/playwright-core/package.json"), "utf8")) as { scripts?: Record<string, string> };
    expect(pw.scripts?.["install"] ?? pw.scripts?.["postinstall"]).toBeUndefined();
  });

  it("asks for the same Node in package.json's engines as the entries check for", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(`>=${REQUIRED_NODE_MAJOR}`);
  });
});

/** `npx evalgate …` in the user's project; `--no` so that a missing local bin fails instead of fetching a package from the registry. */
function npxEvalgate(args: string[]) {
  return runCommand("npx", ["--no", "--", "evalgate", ...args], { cwd: installed.projectDir });
}

describe("npx evalgate, installed from the tarball", () => {
  let target: TargetServer | undefined;
  afterAll(async () => target?.close());

  it("--help prints the usage", async () => {
    const result = await npxEvalgate(["--help"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: evalgate");
    expect(result.stdout).toContain("run [options] <experiment>");
  });

  it("runs an experiment against a target on 127.0.0.1 and exits 0 when the gate passes", async () => {
    target = await startArithmeticTarget();
    await writeFile(path.join(installed.projectDir, "evalgate.yml"), arithmeticConfig());
    await writeFile(path.join(installed.projectDir, "items.jsonl"), arithmeticDataset(12));
    const result = await npxEvalgate(["run", "arithmetic", "--target-url", target.url]);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("100.0%");
    expect(target.requests).toBe(12);
    const listed = await npxEvalgate(["runs", "list", "--format", "json"]);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ status: "passed", verdict: "pass", total: 12, passed: 12 }]);
  });

  it("writes the HTML report and prints it to PDF with Debian's Chromium", { timeout: 120_000 }, async (context) => {
    context.skip(!existsSync("/usr/bin/chromium") || !existsSync("/usr/bin/pdfinfo"), "needs /usr/bin/chromium and pdfinfo (.ci/run installs both)");
    const [run] = JSON.parse((await npxEvalgate(["runs", "list", "--format", "json"])).stdout) as { id: string }[];
    const result = await npxEvalgate(["reports", "html", run!.id, "-o", "report.html", "--pdf"]);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(installed.projectDir, "report.html"), "utf8")).toContain("Content-Security-Policy");
    const info = execFileSync("pdfinfo", [path.join(installed.projectDir, "report.pdf")], { encoding: "utf8" });
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBeGreaterThanOrEqual(1);
  });
});

describe(`on a Node older than ${REQUIRED_NODE_MAJOR}`, () => {
  const oldVersion = oldNodeVersion();
  const note = `${OLD_NODE} is missing or not older than Node ${REQUIRED_NODE_MAJOR}: the old-Node message is not checked here`;

  it.for([
    { name: "the CLI", entry: "dist/cli/index.js", args: ["--help"] },
    { name: "the bot", entry: "dist/bot/index.js", args: [] },
  ])("$name prints one line naming the Node it needs and the one it found, and exits 2", async ({ entry, args }, context) => {
    context.skip(oldVersion === undefined, note);
    const result = await runCommand(OLD_NODE, [path.join(installed.packageDir, entry), ...args], {
      cwd: installed.projectDir,
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(`needs Node.js ${REQUIRED_NODE_MAJOR} or newer`);
    expect(result.stderr).toContain(`found Node.js ${oldVersion}`);
    expect(result.stderr).not.toContain("    at ");
  });
});

/** The bot's environment, as a deployment sets it: nothing inherited from the test's own. */
function botEnv(fake: FakeGitHub, extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: PATH_WITH_NODE_24, APP_ID, PRIVATE_KEY, WEBHOOK_SECRET: SECRET, GITHUB_API_URL: fake.url, ...extra };
}

async function deliver(bot: StartedBot, secret: string, pullRequest: number, fake: FakeGitHub): Promise<number> {
  const comment = fake.addComment({ owner: OWNER, repo: REPO, issueNumber: pullRequest, body: "/eval help", user: "writer" });
  const body = JSON.stringify(commentEvent({ comment, pullRequest }));
  const response = await fetch(`${bot.url}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "issue_comment",
      "x-github-delivery": `delivery-${comment.id}`,
      "x-hub-signature-256": await sign(secret, body),
    },
    body,
  });
  await response.text();
  return response.status;
}

describe("the bot, started from the installed package", () => {
  let fake: FakeGitHub;
  let bot: StartedBot | undefined;
  let pullRequest: number;

  beforeAll(async () => {
    fake = await startFakeGitHub({ appSlug: "evalgate" });
    fake.addRepo({ owner: OWNER, repo: REPO, files: REPO_FILES, installationId: INSTALLATION_ID });
    fake.setPermission("writer", "write");
    pullRequest = fake.addPullRequest({ owner: OWNER, repo: REPO, head: "feature" }).number;
  });
  afterAll(async () => {
    await bot?.stop();
    await fake.close();
  });

  it("serves /healthz, acts on a signed webhook, refuses a badly signed one, and stops on SIGTERM", async () => {
    bot = await startBotProcess(process.execPath, ["dist/bot/index.js"], {
      cwd: installed.packageDir,
      env: botEnv(fake, { PORT: "0", HOST: "127.0.0.1" }),
    });
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });

    expect(await deliver(bot, "not-the-secret", pullRequest, fake)).toBe(401);
    expect(fake.requests).toEqual([]);

    expect(await deliver(bot, SECRET, pullRequest, fake)).toBe(200);
    const replies = [...fake.repo(OWNER, REPO).comments.values()].filter((comment) => comment.user === "evalgate[bot]");
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain("`/eval run`");

    expect(await bot.stop()).toBe(0);
  });
});

interface DockerInstruction {
  keyword: string;
  args: string;
}

/** A Dockerfile's instructions: continuation lines joined, comments dropped. */
function parseDockerfile(text: string): DockerInstruction[] {
  const logical = text.replace(/\\\n\s*/g, " ").split("\n");
  return logical
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const [keyword = "", ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    });
}

describe("the Dockerfile", () => {
  const instructions = parseDockerfile(readFileSync(path.join(ROOT, "Dockerfile"), "utf8"));
  const last = (keyword: string) => instructions.filter((instruction) => instruction.keyword === keyword).at(-1)?.args ?? "";
  let fake: FakeGitHub | undefined;
  let bot: StartedBot | undefined;
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it("builds on node:24-slim with npm ci --omit=dev, runs as a user that is not root and exposes the bot's port", () => {
    expect(last("FROM")).toMatch(/^node:24-slim\b/);
    expect(instructions.some((instruction) => instruction.keyword === "RUN" && instruction.args.includes("npm ci --omit=dev"))).toBe(true);
    expect(last("USER")).not.toMatch(/^(root|0)(:|$)/);
    expect(last("USER")).not.toBe("");
    expect(last("EXPOSE")).toBe("3000");
    expect(instructions).toContainEqual({ keyword: "ENV", args: "PORT=3000" });
  });

  it("its CMD, run from the installed package, serves /healthz, and its HEALTHCHECK (node, no curl) says so", async () => {
    const command = JSON.parse(last("CMD")) as string[];
    expect(command[0]).toBe("node");
    const healthcheck = /\bCMD\s+(\[.*\])$/.exec(last("HEALTHCHECK"))?.[1];
    expect(healthcheck).toBeDefined();
    const probe = JSON.parse(healthcheck ?? "[]") as string[];
    expect(probe[0]).toBe("node");
    expect(probe.join(" ")).toContain("/healthz");

    fake = await startFakeGitHub({ appSlug: "evalgate" });
    // As in the image: no HOST, so it listens on every interface; the port is the test's choice.
    bot = await startBotProcess(process.execPath, command.slice(1), { cwd: installed.packageDir, env: botEnv(fake, { PORT: "0" }) });
    const probeEnv = { PATH: PATH_WITH_NODE_24, PORT: String(bot.port) };
    const healthy = await runCommand(process.execPath, probe.slice(1), { cwd: installed.packageDir, env: probeEnv });
    expect(healthy.code).toBe(0);

    expect(await bot.stop()).toBe(0);
    const down = await runCommand(process.execPath, probe.slice(1), { cwd: installed.packageDir, env: probeEnv });
    expect(down.code).toBe(1);
  });

  it("keeps everything but the lockfile and dist/ out of the build context (.dockerignore)", () => {
    const ignore = readFileSync(path.join(ROOT, ".dockerignore"), "utf8").split("\n").map((line) => line.trim());
    expect(ignore).toContain("*");
    for (const copied of ["package.json", "package-lock.json", "dist"]) expect(ignore).toContain(`!${copied}`);
  });
});
