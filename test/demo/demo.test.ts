import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { collect } from "../helpers/cli.js";
import { answer } from "../../src/demo/support-agent.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("npm run demo", () => {
  it("runs the example experiment on both versions, shows regressions and fixes, and exits 0", async () => {
    const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), path.join(root, "src/demo/main.ts")], {
      cwd: root,
      stdio: "pipe",
    });
    child.stdin.end();
    const result = await collect(child);
    expect(result.stderr).not.toMatch(/did not run as designed|unexpected error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Demo ran as designed");
    expect(result.stdout).toMatch(/regression/i);
    expect(result.stdout).toMatch(/fix/i);
    expect(result.stdout).toContain("cancel-question-01");
    expect(result.stdout).toContain("refund-phrasing-01");
    // One custom module scorer and one LLM judge (the deployment's own deterministic judge).
    expect(result.stdout).toMatch(/^short_reply +1\.00 +100\.0% +50 +0$/m);
    expect(result.stdout).toMatch(/no_small_talk .*100\.0% → 94\.0%/);
    expect(result.stdout).toMatch(/^judge tokens [\d,]+ in/m);
  });

  it("the example agent's candidate understands more phrasings but breaks its JSON on cancel questions", () => {
    expect(JSON.parse(answer("Can I get my money back for D4000?", "candidate").output).intent).toBe("refund");
    expect(JSON.parse(answer("Can I get my money back for D4000?", "baseline").output).intent).toBe("other");
    expect(() => JSON.parse(answer("Can you cancel order E5000?", "candidate").output)).toThrow();
    expect(JSON.parse(answer("Can you cancel order E5000?", "baseline").output).intent).toBe("cancel");
  });
});
