import { describe, expect, it } from "vitest";
import { wrapText } from "../../../src/core/report/wrap-text.js";

describe("wrapText keeping phrases together", () => {
  it("never splits a phrase matching keepTogether across lines", () => {
    const text = "no significant change (p = 0.039, 41 items)";
    // Width 26 would break after "(p =" without the glue.
    expect(wrapText(text, 26)).toEqual(["no significant change (p =", "0.039, 41 items)"]);
    expect(wrapText(text, 26, "", "", /p = \S+/g)).toEqual(["no significant change", "(p = 0.039, 41 items)"]);
  });
});
