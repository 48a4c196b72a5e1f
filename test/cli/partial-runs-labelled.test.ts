import { afterEach, describe, expect, it } from "vitest";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

describe("a run over part of the dataset says so where a verdict is read", () => {
  it("reports ci's headline and runs list name the selection", async () => {
    target = await startArithmeticTarget();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 0 }), "items.jsonl": arithmeticDataset(20) });
    expect((await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--rows", "0,2,4,6"], { cwd })).code).toBe(0);
    const [listed] = JSON.parse((await runEvalgate(["runs", "list", "--format", "json"], { cwd })).stdout) as { id: string; selection: string }[];
    expect(listed!.selection).toBe("rows 0,2,4,6: 4 items");
    const ci = await runEvalgate(["reports", "ci", listed!.id], { cwd });
    expect(ci.stdout.split("\n")[0]).toBe("### ✅ evalgate · arithmetic: **PASS** on rows 0,2,4,6: 4 items of the dataset");
  });
});
