import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/core/config/load.js";
import { interpolateEnv } from "../../../src/core/config/interpolate.js";
import { UserError } from "../../../src/core/errors.js";

function configError(text: string): string {
  try {
    parseConfig(text, "evalgate.yml");
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return error.message;
  }
  throw new Error("expected parseConfig to throw");
}

/** A valid experiment with `lines` added under it (each indented as an experiment key). */
function experiment(...lines: string[]): string {
  return [
    "version: 1",
    "experiments:",
    "  orders:",
    "    dataset: evals/orders.jsonl",
    "    target:",
    "      type: http",
    "      url: http://127.0.0.1:8080/agent",
    "    scorers: [json_valid]",
    ...lines.map((line) => `    ${line}`),
    "",
  ].join("\n");
}

describe("crafted config values are refused with the field named, or bounded", () => {
  it.each([
    ["concurrency: 1000000000", "evalgate.yml:9: experiments.orders.concurrency: must be <= 1024"],
    ["concurrency: 0", "evalgate.yml:9: experiments.orders.concurrency: must be >= 1"],
    ["concurrency: .inf", "evalgate.yml:9: experiments.orders.concurrency: expected number, received Infinity"],
    ["retries: 1000000", "evalgate.yml:9: experiments.orders.retries: must be <= 10"],
    ["max_error_rate: 5", "evalgate.yml:9: experiments.orders.max_error_rate: must be <= 1"],
    ['dataset2: "x"', "evalgate.yml:9: experiments.orders: unknown key 'dataset2' (did you mean 'dataset'?)"],
  ])("%s", (line, expected) => {
    expect(configError(experiment(line))).toBe(expected);
  });

  it.each([
    ["99999999999m", "must be at most 60m (one hour)"],
    [`${"9".repeat(400)}s`, "must be at most 60m (one hour)"],
    ["61m", "must be at most 60m (one hour)"],
    ["0s", "must be at least 1ms"],
    ["0.1ms", "must be at least 1ms"],
    ["99999999999h", 'write a duration with a unit, e.g. "30s" or "500ms"'],
  ])("a timeout of %s is refused", (timeout, expected) => {
    const text = experiment().replace("url: http://127.0.0.1:8080/agent", `$&\n      timeout: "${timeout}"`);
    expect(configError(text)).toBe(`evalgate.yml:8: experiments.orders.target.timeout: ${expected}`);
  });

  it("a timeout of an hour is accepted", () => {
    const text = experiment().replace("url: http://127.0.0.1:8080/agent", "$&\n      timeout: 60m");
    expect(parseConfig(text, "evalgate.yml").experiments.orders!.target).toMatchObject({ timeout: 3_600_000 });
  });

  it("an experiment name of 200 characters is refused (it also names files)", () => {
    expect(configError(experiment().replace("  orders:", `  ${"o".repeat(200)}:`))).toBe(
      `evalgate.yml:3: experiments.${"o".repeat(200)}: experiment names are at most 128 characters`,
    );
  });

  it("a NUL character in the dataset path is refused", () => {
    expect(configError(experiment().replace("dataset: evals/orders.jsonl", 'dataset: "evals/\\0.jsonl"'))).toBe(
      "evalgate.yml:4: experiments.orders.dataset: must not contain a NUL character",
    );
  });

  it("a header value with a line break is refused (it would split the request)", () => {
    const text = experiment().replace("url: http://127.0.0.1:8080/agent", '$&\n      headers: { X-Token: "a\\r\\nHost: evil" }');
    expect(configError(text)).toBe(
      "evalgate.yml:8: experiments.orders.target.headers.X-Token: a header value must not contain a line break or a NUL character",
    );
  });

  it("a billion-laughs file is refused, not expanded", () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 10; level++) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`);
    }
    const started = Date.now();
    expect(configError(`version: 1\n${lines.join("\n")}\nexperiments: {}\n`)).toBe(
      "evalgate.yml: the YAML aliases (*name) expand to too much (more than 100 expansions); write the values out instead",
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("an alias to its own parent is refused, naming where", () => {
    const text = experiment().replace("url: http://127.0.0.1:8080/agent", "$&\n      body: &b { input: [*b] }");
    expect(configError(text)).toBe(
      "evalgate.yml:8: experiments.orders.target.body.input[0]: an alias refers to a value that contains it; a config cannot contain itself",
    );
  });

  it("a body nested 100 levels deep is refused", () => {
    const body = `${"[".repeat(100)}${"]".repeat(100)}`;
    const text = experiment().replace("url: http://127.0.0.1:8080/agent", `$&\n      body: ${body}`);
    expect(configError(text)).toMatch(/^evalgate\.yml:8: experiments\.orders\.target\.body(\[0\])+: nested more than 64 levels deep$/);
  });

  it("a YAML document nested 200,000 levels deep is refused without a stack trace", () => {
    const message = configError(`version: 1\nexperiments: ${"[".repeat(200_000)}${"]".repeat(200_000)}\n`);
    expect(message).toMatch(/^evalgate\.yml:2:\d+: nested too deeply/);
  });

  it("a file over 1 MiB is refused before parsing", () => {
    const text = experiment(`description: "${"x".repeat(1024 * 1024)}"`);
    expect(configError(text)).toBe("evalgate.yml: the config file is larger than 1 MiB; is it the right file?");
    expect(() => parseConfig(new TextEncoder().encode(text), "evalgate.yml")).toThrow("larger than 1 MiB");
  });

  it("30,000 unknown keys are reported quickly, the first 20 listed", () => {
    const keys = Array.from({ length: 30_000 }, (_, index) => `k${index}: 1`);
    const started = Date.now();
    const lines = configError(experiment(...keys)).split("\n");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe("evalgate.yml:9: experiments.orders: unknown key 'k0'");
    expect(lines[20]).toBe("… and 29980 more problems");
  });
});

describe("${NAME} interpolation of crafted values", () => {
  it("is linear: 500,000 unclosed references take no time", () => {
    const started = Date.now();
    expect(interpolateEnv({ url: "${".repeat(500_000) }, {}, "target")).toEqual({ url: "${".repeat(500_000) });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("does not expand a value that holds a reference (no recursion)", () => {
    expect(interpolateEnv({ url: "${A}/x" }, { A: "${A}${A}" }, "target")).toEqual({ url: "${A}${A}/x" });
  });

  it("lists the first 20 missing variables and counts the rest", () => {
    const headers = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`h${index}`, `\${MISSING_${index}}`]));
    const lines = (() => {
      try {
        interpolateEnv({ headers }, {}, "experiments.orders.target");
      } catch (error) {
        return (error as Error).message.split("\n");
      }
      return [];
    })();
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe("… and 30 more problems");
  });
});
