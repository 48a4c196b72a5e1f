import { describe, expect, it } from "vitest";
import { makeWorkspace, runEvalgate } from "../helpers/cli.js";

describe("a scorer's config error names the line of evalgate.yml", () => {
  it("levenshtein without a limit and an llm_judge without criteria point at their lines", async () => {
    const config = [
      "version: 1", //                                             line 1
      "experiments:", //                                           line 2
      "  e:", //                                                   line 3
      "    dataset: items.jsonl", //                               line 4
      '    target: { type: http, url: "http://127.0.0.1:9/a" }', // line 5
      "    scorers:", //                                           line 6
      "      - json_valid", //                                     line 7
      "      - { name: levenshtein, config: {} }", //              line 8
      "      - name: llm_judge", //                                line 9
      "        config: { model: m }", //                           line 10
      "",
    ].join("\n");
    const cwd = await makeWorkspace({ "evalgate.yml": config, "items.jsonl": '{"id":"a","input":"x"}\n' });
    const result = await runEvalgate(["run", "e"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/evalgate\.yml:8: experiments\.e\.scorers\[1\]\.config/);
    expect(result.stderr).toMatch(/evalgate\.yml:(9|10): experiments\.e\.scorers\[2\]\.config/);
  });
});
