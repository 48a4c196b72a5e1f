import { describe, expect, it } from "vitest";
import { renderFailures } from "../../../src/core/report/render-failures.js";
import { buildItem } from "../build-run-items.js";
import { buildSample, widestLine } from "./sample-runs.js";

describe("renderFailures", () => {
  it("lists each failed item with input, output and every failing scorer's reason", async () => {
    const { candidateRun, candidateItems } = await buildSample();
    const text = renderFailures(candidateRun, candidateItems);
    expect(widestLine(text)).toBeLessThanOrEqual(80);
    expect(text).toMatch(/^FAIL {2}item-a {2}\(run item ri_[0-9a-f]{12}\)$/m);
    expect(text).toContain('  input     {"question":"question item-a"}');
    expect(text).toContain("  expected  refund issued");
    expect(text).toMatch(/^ {2}output {4}<\/details><script>.*…$/m);
    expect(text).toContain('  equals (0.00): expected "refund issued" but the answer was something');
    expect(text).not.toContain("tone (");
  });

  it("shows each errored item with its error and skips passed items", async () => {
    const { candidateRun, candidateItems } = await buildSample();
    const text = renderFailures(candidateRun, candidateItems);
    expect(text).toMatch(/^ERROR {2}item-c/m);
    expect(text).toContain("  error: HTTP 502 from target after 3 attempts");
    expect(text).not.toContain("item-b");
    expect(text.trimEnd().endsWith("1 failed, 1 errored")).toBe(true);
  });

  it("wraps a long reason instead of cutting it", async () => {
    const { candidateRun } = await buildSample();
    const reason = `${"word ".repeat(30)}END`;
    const item = buildItem(candidateRun.id, "long", { scores: [["equals", 0, false, reason]] });
    const text = renderFailures(candidateRun, [item]);
    expect(text).toContain("END");
    expect(widestLine(text)).toBeLessThanOrEqual(80);
  });

  it("says when there is nothing to show", async () => {
    const { candidateRun } = await buildSample();
    expect(renderFailures(candidateRun, [])).toContain("No failed or errored items.");
  });
});
