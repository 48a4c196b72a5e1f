import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/core/errors.js";
import { commandWords } from "../../../src/engine/targets/command-words.js";

describe("commandWords", () => {
  it("splits a string the way a shell splits words, quotes and backslashes honoured", () => {
    expect(commandWords("python3 'my dir/score.py' --x \"a b\" c\\ d", "f")).toEqual(["python3", "my dir/score.py", "--x", "a b", "c d"]);
    expect(commandWords("  node   agent.js  ", "f")).toEqual(["node", "agent.js"]);
  });

  it("keeps $NAME literal: no shell runs, so nothing expands it", () => {
    expect(commandWords("echo $HOME ${USER}", "f")).toEqual(["echo", "$HOME", "$USER"]);
  });

  it("refuses shell operators, naming the field and the list form", () => {
    expect(() => commandWords("echo a; rm -rf x", "experiments.e.scorers[0].config.run")).toThrow(UserError);
    expect(() => commandWords("a | b", "experiments.e.target.command")).toThrow(
      'experiments.e.target.command: "|" is shell syntax, but the command is run without a shell; write a list to use a shell, e.g. [sh, -c, "…"]',
    );
  });

  it("takes a list as it is", () => {
    expect(commandWords(["sh", "-c", "echo 'x'; wait"], "f")).toEqual(["sh", "-c", "echo 'x'; wait"]);
  });
});
