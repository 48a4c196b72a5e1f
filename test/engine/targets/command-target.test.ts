import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { context, ITEM, targetFrom } from "./target-fixtures.js";

let dir: string;

/** Writes a Node script into the temp dir; returns its path. */
async function script(name: string, source: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, source);
  return file;
}

const READ_STDIN = `
let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (text += chunk));
await new Promise((resolve) => process.stdin.on("end", resolve));
const request = JSON.parse(text);
`;

/** A zombie counts as dead: an orphan waits for the container's init to reap it, sometimes for seconds. */
function isAlive(pid: number): boolean {
  // kill(0) and kill(-n) signal whole process groups, ours included: they would always answer "alive".
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`not a process id: ${pid}`);
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z") !== true;
  } catch {
    return true; // no /proc (macOS): kill(0) has answered
  }
}

async function until(condition: () => boolean | Promise<boolean>, limitMs = 5000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Waits for a whole pid in `file`: every writer here ends it with a newline. The file exists before
 * it is written, and reading it then would give "" (which Number() turns into 0) or half a number.
 */
async function readPid(file: string): Promise<number> {
  let text = "";
  await until(async () => /^\d+\n$/.test((text = await fs.readFile(file, "utf8").catch(() => ""))));
  return Number(text);
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "evalgate-command-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("command target", () => {
  it("writes the item as JSON on stdin and reads the answer from the last stdout line", async () => {
    const file = await script(
      "echo.mjs",
      `${READ_STDIN}
console.log("loading model…");
console.log(JSON.stringify({ answer: request, usage: { prompt_tokens: 3, completion_tokens: 2 } }));`,
    );
    const target = targetFrom({ type: "command", command: [process.execPath, file], output: "answer" });
    const result = await target.call(ITEM, context({ variant: "v2" }));
    expect(result.error).toBeUndefined();
    expect(result.output).toEqual({
      input: { question: "Where is order 42?" },
      item_id: "item-1",
      run_id: "run-1",
      expected: { answer: "shipped" },
      metadata: { lang: "en" },
      experiment: { name: "orders", variant: "v2" },
    });
    expect(result.usage).toEqual({ input_tokens: 3, output_tokens: 2, total_tokens: 5 });
    expect(result.attempts).toBe(1);
  });

  it("splits a command string on whitespace, runs it in cwd with the configured env", async () => {
    await script("env.mjs", `console.log(JSON.stringify({ output: [process.env.AGENT_MODE, process.cwd()] }));`);
    const target = targetFrom({
      type: "command",
      command: `${process.execPath}   env.mjs`,
      cwd: dir,
      env: { AGENT_MODE: "strict" },
    });
    const result = await target.call(ITEM, context());
    expect(result.output).toEqual(["strict", await fs.realpath(dir)]);
    expect(target.description).toBe(`${process.execPath}   env.mjs`);
  });

  it("a non-zero exit is retried and ends in an error quoting stderr", async () => {
    const file = await script("fail.mjs", `console.error("boom: model not loaded"); process.exit(3);`);
    const target = targetFrom({ type: "command", command: [process.execPath, file] }, { retries: 1 });
    const result = await target.call(ITEM, context());
    expect(result.error).toBe("exited with code 3: boom: model not loaded (2 attempts)");
    expect(result.attempts).toBe(2);
  });

  it("a process that outlives its timeout is killed and the item errors", async () => {
    const pidFile = path.join(dir, "slow.pid");
    const file = await script(
      "slow.mjs",
      `import fs from "node:fs"; fs.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid) + "\\n"); setInterval(() => {}, 1000);`,
    );
    const target = targetFrom({ type: "command", command: [process.execPath, file], timeout: "1s" }, { retries: 0 });
    const result = await target.call(ITEM, context());
    expect(result.error).toBe("timed out after 1000 ms");
    expect(isAlive(await readPid(pidFile))).toBe(false);
  });

  it("a missing program is a final error without retries", async () => {
    const target = targetFrom({ type: "command", command: ["/nonexistent/agent-binary", "--json"] });
    const result = await target.call(ITEM, context());
    expect(result.error).toBe("command not found: /nonexistent/agent-binary");
    expect(result.attempts).toBe(1);
  });

  it("an answer that is not JSON is a final error quoting it", async () => {
    const file = await script("text.mjs", `console.log("The order has shipped.");`);
    const target = targetFrom({ type: "command", command: [process.execPath, file] });
    const result = await target.call(ITEM, context());
    expect(result.error).toBe("output is not JSON: The order has shipped.");
    expect(result.attempts).toBe(1);
  });

  it("aborting kills the running process and rejects with an AbortError", async () => {
    const pidFile = path.join(dir, "hang.pid");
    const file = await script(
      "hang.mjs",
      `import fs from "node:fs"; fs.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid) + "\\n"); setInterval(() => {}, 1000);`,
    );
    const target = targetFrom({ type: "command", command: [process.execPath, file], timeout: "60s" });
    const controller = new AbortController();
    const call = target.call(ITEM, context({ signal: controller.signal }));
    const pid = await readPid(pidFile);
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    await until(() => !isAlive(pid));
  });

  it("a process that answers and exits while a background child holds its stdout is read at once", async () => {
    const pidFile = path.join(dir, "background.pid");
    const target = targetFrom(
      { type: "command", command: ["sh", "-c", `(sleep 50) & echo $! > ${pidFile}; echo '{"output":"x"}'`], timeout: "20s" },
      { retries: 0 },
    );
    const started = performance.now();
    const result = await target.call(ITEM, context());
    expect(result.error).toBeUndefined();
    expect(result.output).toBe("x");
    // Waiting for the pipe to close would end only at the 20 s timeout (an error); a loaded machine needs well under 10 s.
    expect(performance.now() - started).toBeLessThan(10_000);
    // The leftover held the answer's pipe: it is stopped rather than left running for 50 s.
    const pid = await readPid(pidFile);
    await until(() => !isAlive(pid));
  });

  it("a timeout stops the process and everything it started", async () => {
    const pidFile = path.join(dir, "grandchild.pid");
    const target = targetFrom(
      { type: "command", command: ["sh", "-c", `sleep 60 & echo $! > ${pidFile}; wait`], timeout: "300ms" },
      { retries: 0 },
    );
    const result = await target.call(ITEM, context());
    expect(result.error).toBe("timed out after 300 ms");
    const pid = await readPid(pidFile);
    await until(() => !isAlive(pid));
  });

  it("aborting stops the process and everything it started", async () => {
    const pidFile = path.join(dir, "aborted-grandchild.pid");
    const target = targetFrom({ type: "command", command: ["sh", "-c", `sleep 60 & echo $! > ${pidFile}; wait`], timeout: "60s" });
    const controller = new AbortController();
    const call = target.call(ITEM, context({ signal: controller.signal }));
    const pid = await readPid(pidFile);
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    await until(() => !isAlive(pid));
  });

  it("an answer nested deeper than 128 levels is a final error", async () => {
    const file = await script("deep.mjs", `console.log('{"output": ' + "[".repeat(20000) + "]".repeat(20000) + "}");`);
    const target = targetFrom({ type: "command", command: [process.execPath, file] });
    const result = await target.call(ITEM, context());
    expect(result.error).toBe("the response nests deeper than 128 levels");
    expect(result.attempts).toBe(1);
  });
});
