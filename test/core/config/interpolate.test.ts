import { describe, expect, it } from "vitest";
import { interpolateEnv } from "../../../src/core/config/interpolate.js";
import { UserError } from "../../../src/core/errors.js";

const PATH = "experiments.orders.target";

describe("interpolateEnv", () => {
  it("replaces ${NAME} in every string, deeply, and leaves keys and other values alone", () => {
    const target = {
      url: "${BASE}/api",
      headers: { "${KEY}": "Bearer ${TOKEN}" },
      command: ["node", "${SCRIPT}"],
      timeout: 30_000,
      body: { nested: [{ text: "${TOKEN}" }], flag: true, nothing: null },
    };
    const env = { BASE: "http://127.0.0.1:9000", TOKEN: "t0k", SCRIPT: "agent.js", KEY: "unused" };
    expect(interpolateEnv(target, env, PATH)).toEqual({
      url: "http://127.0.0.1:9000/api",
      headers: { "${KEY}": "Bearer t0k" },
      command: ["node", "agent.js"],
      timeout: 30_000,
      body: { nested: [{ text: "t0k" }], flag: true, nothing: null },
    });
  });

  it("uses the default when the variable is unset or empty", () => {
    const value = { a: "${MODEL:-gpt-4o-mini}", b: "${EMPTY:-fallback}", c: "${SET:-other}", d: "${NONE:-}" };
    expect(interpolateEnv(value, { EMPTY: "", SET: "mine" }, PATH)).toEqual({
      a: "gpt-4o-mini",
      b: "fallback",
      c: "mine",
      d: "",
    });
  });

  it("keeps $${ as a literal ${", () => {
    expect(interpolateEnv({ template: "$${NOT_A_VAR} and ${X}" }, { X: "x" }, PATH)).toEqual({
      template: "${NOT_A_VAR} and x",
    });
  });

  it("names the field and the variable of every missing variable, in one error", () => {
    const target = { url: "${EVALGATE_TARGET_URL}/api", headers: { Authorization: "Bearer ${AGENT_TOKEN}" } };
    let caught: unknown;
    try {
      interpolateEnv(target, {}, PATH);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).message.split("\n")).toEqual([
      "experiments.orders.target.url: environment variable EVALGATE_TARGET_URL is not set (set it, or write ${EVALGATE_TARGET_URL:-default})",
      "experiments.orders.target.headers.Authorization: environment variable AGENT_TOKEN is not set (set it, or write ${AGENT_TOKEN:-default})",
    ]);
  });

  it("a variable set to the empty string counts as set", () => {
    expect(interpolateEnv("x${EMPTY}y", { EMPTY: "" }, PATH)).toBe("xy");
  });

  it("names array positions in the path", () => {
    expect(() => interpolateEnv({ command: ["node", "${SCRIPT}"] }, {}, PATH)).toThrow(
      "experiments.orders.target.command[1]: environment variable SCRIPT is not set",
    );
  });

  it("refuses a malformed reference instead of sending it to the target", () => {
    expect(() => interpolateEnv({ url: "${not a name}" }, {}, PATH)).toThrow(
      'experiments.orders.target.url: "${not a name}" is not a variable reference',
    );
  });

  it("does not change the value it was given", () => {
    const target = { url: "${BASE}" };
    interpolateEnv(target, { BASE: "b" }, PATH);
    expect(target.url).toBe("${BASE}");
  });
});
