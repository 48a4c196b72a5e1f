import { describe, expect, it } from "vitest";
import { isEvalComment, parseEvalComment } from "../../../src/github/eval-commands/parse-command.js";

describe("parseEvalComment", () => {
  it("reads the three commands from the first line only", () => {
    expect(parseEvalComment("/eval help")).toEqual({ kind: "command", command: { kind: "help" } });
    expect(parseEvalComment("/eval")).toEqual({ kind: "command", command: { kind: "help" } });
    expect(parseEvalComment("/eval run\n--name ignored on the second line")).toEqual({ kind: "command", command: { kind: "run" } });
    expect(parseEvalComment("  /eval   regression  \r\nplease")).toEqual({ kind: "command", command: { kind: "regression", runItemIds: [] } });
  });

  it("takes repeated --run-item-id and one --name, in both spellings, without duplicates", () => {
    expect(parseEvalComment("/eval regression --run-item-id ri_a --run-item-id=ri_b --name checkout --run-item-id ri_a")).toEqual({
      kind: "command",
      command: { kind: "regression", runItemIds: ["ri_a", "ri_b"], name: "checkout" },
    });
  });

  it("is not a command unless the first word is exactly /eval", () => {
    for (const body of ["Looks good /eval run", "/evaluate", "", "> /eval run", "thanks\n/eval run"]) {
      expect(parseEvalComment(body)).toEqual({ kind: "not-a-command" });
      expect(isEvalComment(body)).toBe(false);
    }
  });

  it("says what is wrong with unknown commands and bad flags", () => {
    expect(parseEvalComment("/eval bogus")).toEqual({ kind: "invalid", problem: 'unknown command "bogus"' });
    expect(parseEvalComment("/eval regression --force")).toEqual({ kind: "invalid", problem: 'unknown option "--force"' });
    expect(parseEvalComment("/eval regression --name")).toEqual({ kind: "invalid", problem: "--name needs a value" });
    expect(parseEvalComment("/eval regression --run-item-id --name x")).toEqual({ kind: "invalid", problem: "--run-item-id needs a value" });
    expect(parseEvalComment("/eval regression --name a --name b")).toEqual({ kind: "invalid", problem: "--name may be given once" });
    expect(parseEvalComment("/eval run now")).toEqual({ kind: "invalid", problem: 'unknown option "now" (`/eval run` takes only --variant NAME)' });
  });

  it("/eval run takes --variant NAME, also as --variant=NAME", () => {
    expect(parseEvalComment("/eval run --variant gpt4o")).toEqual({ kind: "command", command: { kind: "run", variant: "gpt4o" } });
    expect(parseEvalComment("/eval run --variant=cooler")).toEqual({ kind: "command", command: { kind: "run", variant: "cooler" } });
    expect(parseEvalComment("/eval run --variant")).toEqual({ kind: "invalid", problem: "--variant needs a value" });
    expect(parseEvalComment("/eval run --variant a b")).toEqual({ kind: "invalid", problem: 'unexpected "b" after --variant a' });
    expect(parseEvalComment("/eval run --variant ../x").kind).toBe("invalid");
  });

  it("refuses names that could leave evals/regressions/ or break the config", () => {
    for (const name of ["../evil", "a/b", ".hidden", "x".repeat(101), "naïve"]) {
      const parsed = parseEvalComment(`/eval regression --name ${name}`);
      expect(parsed.kind).toBe("invalid");
    }
    expect(parseEvalComment("/eval regression --run-item-id ri_<script>").kind).toBe("invalid");
  });
});
