import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { parseConfig } from "../../../src/core/config/load.js";
import { addRegressionExperiment } from "../../../src/core/regression/add-regression-experiment.js";
import { RegressionNameTakenError, SourceExperimentMissingError } from "../../../src/core/regression/regression-errors.js";
import { CONFIG } from "../../helpers/shop-config.js";

const base = {
  file: "evalgate.yml",
  sourceExperiment: "support-agent-quality",
  name: "support-agent-quality-regressions",
  dataset: "evals/regressions/support-agent-quality-regressions.jsonl",
  comment: "Added by evalgate.",
  description: "Regression items of support-agent-quality, collected from pull request #7.",
};

describe("addRegressionExperiment", () => {
  it("keeps every byte of the user's file and adds the experiment after the last one", () => {
    const result = addRegressionExperiment({ ...base, configText: CONFIG, sourceConfigText: CONFIG });
    if (result.kind !== "added") throw new Error("expected an added experiment");
    const [before, after] = CONFIG.split("\n# keep this comment\n");
    expect(result.text.startsWith(before ?? "")).toBe(true);
    expect(result.text.endsWith(`\n# keep this comment\n${after ?? ""}`)).toBe(true);
    expect(result.text).toContain("  # Added by evalgate.\n  support-agent-quality-regressions:\n    description: \"Regression items of support-agent-quality, collected from pull request #7.\"\n");
    expect(result.text).toContain("    concurrency: 4\n\n  # Added by evalgate.\n");
    expect(result.text).toMatch(/\n {4}concurrency: 4\n\n# keep this comment\n$/);
    const config = parseConfig(result.text, "evalgate.yml");
    expect(config.experiments[base.name]?.concurrency).toBe(4);
    expect(config.experiments[base.name]?.gate).toEqual({ passed_threshold: 0.9 });
  });

  it("a flow-style experiments map is edited through the Document API and keeps its comments", () => {
    const flow = "# top comment\nversion: 1\nexperiments: { qa: { dataset: d.jsonl, target: { type: command, command: ./run.sh }, scorers: [json_valid] } } # flow\n";
    const result = addRegressionExperiment({ ...base, sourceExperiment: "qa", name: "qa-regressions", configText: flow, sourceConfigText: flow });
    if (result.kind !== "added") throw new Error("expected an added experiment");
    expect(result.text).toContain("# top comment");
    expect(parseDocument(result.text).toJS()).toEqual({
      version: 1,
      experiments: {
        qa: { dataset: "d.jsonl", target: { type: "command", command: "./run.sh" }, scorers: ["json_valid"] },
        "qa-regressions": { description: base.description, dataset: base.dataset, target: { type: "command", command: "./run.sh" }, scorers: ["json_valid"] },
      },
    });
  });

  it("leaves the file alone when the experiment is there over the same dataset", () => {
    const once = addRegressionExperiment({ ...base, configText: CONFIG, sourceConfigText: CONFIG });
    if (once.kind !== "added") throw new Error("expected an added experiment");
    expect(addRegressionExperiment({ ...base, configText: once.text, sourceConfigText: once.text })).toEqual({ kind: "present" });
  });

  it("refuses a name already used by an experiment over another dataset, naming both as data", () => {
    const run = () => addRegressionExperiment({ ...base, name: "support-agent-quality", configText: CONFIG, sourceConfigText: CONFIG });
    expect(run).toThrow(RegressionNameTakenError);
    expect(run).toThrow(expect.objectContaining({ file: "evalgate.yml", experiment: "support-agent-quality", dataset: "evals/support.jsonl" }));
  });

  it("refuses a source experiment the config does not define", () => {
    const run = () => addRegressionExperiment({ ...base, sourceExperiment: "renamed", configText: CONFIG, sourceConfigText: CONFIG });
    expect(run).toThrow(SourceExperimentMissingError);
    expect(run).toThrow(expect.objectContaining({ experiment: "renamed" }));
  });

  it("a file without a final newline still gets a well-formed entry", () => {
    const text = CONFIG.replace("\n\n# keep this comment\n", "");
    const result = addRegressionExperiment({ ...base, configText: text, sourceConfigText: text });
    if (result.kind !== "added") throw new Error("expected an added experiment");
    expect(result.text.startsWith(`${text}\n`)).toBe(true);
    expect(Object.keys(parseConfig(result.text, "evalgate.yml").experiments)).toEqual(["support-agent-quality", base.name]);
  });
});
