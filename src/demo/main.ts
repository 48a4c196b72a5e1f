import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../cli/program.js";
import { serveExampleDeployment } from "./serve-agent.js";

/**
 * `npm run demo`: the example support agent on 127.0.0.1, its baseline and candidate versions run
 * through the same CLI a user types, then compared. Exits 0 when the demo ran as designed: both
 * runs complete and the comparison shows regressions and fixes, so the gate fails.
 */
const exampleDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "example");
const config = path.join(exampleDir, "evalgate.yml");
const store = await mkdtemp(path.join(os.tmpdir(), "evalgate-demo-"));
const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
const cli = (...args: string[]) => runCli(["--config", config, "--store", store, ...args], io);

const deployment = await serveExampleDeployment();
// The example's llm_judge talks to the deployment's own deterministic judge: no API key needed.
process.env.JUDGE_BASE_URL ??= `${deployment.url}/judge`;
const problems: string[] = [];
try {
  heading(`Example deployment on ${deployment.url} (baseline and candidate versions)`);
  for (const version of ["baseline", "candidate"]) {
    heading(`evalgate run support-agent-quality --target-url ${deployment.url}/${version} --name ${version}`);
    const code = await cli("run", "support-agent-quality", "--target-url", `${deployment.url}/${version}`, "--name", version);
    if (code !== 0) problems.push(`the ${version} run exited ${code}, expected 0`);
  }
  const [candidate, baseline] = await listRunIds();
  heading(`evalgate runs compare ${baseline} ${candidate}`);
  const compareCode = await cli("runs", "compare", baseline, candidate);
  if (compareCode !== 1) problems.push(`the comparison exited ${compareCode}, expected 1 (regressions fail the gate)`);
} finally {
  await deployment.close();
}

heading("Explore the runs yourself");
process.stdout.write(
  `  npm run -s evalgate -- --store ${store} runs list\n` +
    `  npm run -s evalgate -- --store ${store} reports failures <run-id>\n` +
    `  npm run -s evalgate -- --store ${store} scores list --run-id <run-id> --failed\n\n`,
);
if (problems.length > 0) {
  process.stderr.write(`demo did not run as designed:\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write("Demo ran as designed: the candidate fixes items but regresses others, so the gate fails.\n");
}

async function listRunIds(): Promise<[string, string]> {
  let text = "";
  const capture = { ...io, stdout: { write: (chunk: string) => ((text += chunk), true) } as NodeJS.WritableStream };
  await runCli(["--config", config, "--store", store, "runs", "list", "--format", "json"], capture);
  const ids = (JSON.parse(text) as { id: string }[]).map((run) => run.id);
  if (ids.length !== 2) throw new Error(`expected 2 runs in the demo store, found ${ids.length}`);
  return [ids[0]!, ids[1]!];
}

function heading(text: string): void {
  const line = `== ${text}`;
  process.stdout.write(process.stdout.isTTY ? `\n\x1b[1m${line}\x1b[0m\n\n` : `\n${line}\n\n`);
}
