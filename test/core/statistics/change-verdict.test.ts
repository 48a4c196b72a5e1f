import { describe, expect, it } from "vitest";
import { classifyChange } from "../../../src/core/statistics/change-verdict.js";

describe("classifyChange", () => {
  it("calls a comparison where no pair differs unchanged, whatever the numbers", () => {
    expect(classifyChange({ changed: false, delta: 0, pValue: 1, alpha: 0.05 })).toBe("unchanged");
    expect(classifyChange({ changed: false, delta: -0.2, pValue: 0.001, alpha: 0.05 })).toBe("unchanged");
  });

  it("calls a significant drop a regression and a significant rise an improvement", () => {
    expect(classifyChange({ changed: true, delta: -0.1, pValue: 0.01, alpha: 0.05 })).toBe("regression");
    expect(classifyChange({ changed: true, delta: 0.1, pValue: 0.01, alpha: 0.05 })).toBe("improvement");
  });

  it("calls a change the test cannot tell from chance noise", () => {
    expect(classifyChange({ changed: true, delta: -0.1, pValue: 0.2, alpha: 0.05 })).toBe("noise");
    // p exactly at alpha is not below it.
    expect(classifyChange({ changed: true, delta: 0.1, pValue: 0.05, alpha: 0.05 })).toBe("noise");
    expect(classifyChange({ changed: true, delta: 0, pValue: 0.01, alpha: 0.05 })).toBe("noise");
  });
});
