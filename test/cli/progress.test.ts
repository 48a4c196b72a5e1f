import { describe, expect, it } from "vitest";
import { createProgressReporter } from "../../src/cli/progress.js";

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) > 0 } as unknown as NodeJS.WriteStream };
}

const at = (done: number) => ({ done, total: 100, passed: done, failed: 0, errored: 0 });

describe("run progress", () => {
  it("redraws one bar in place on a terminal", () => {
    const { writes, stream: out } = stream(true);
    let now = 0;
    const reporter = createProgressReporter(out, "exp", () => now);
    for (let done = 1; done <= 100; done++) {
      now += 10;
      reporter.update(at(done));
    }
    reporter.done();
    expect(writes.length).toBeGreaterThan(5);
    expect(writes.slice(0, -1).every((text) => text.startsWith("\r\x1b[2K"))).toBe(true);
    expect(writes.at(-2)).toContain("100/100 items");
    expect(writes.at(-2)).toContain("█".repeat(24));
    expect(writes.at(-1)).toBe("\n");
  });

  it("writes a plain line every 5 seconds in CI logs", () => {
    const { writes, stream: out } = stream(false);
    let now = 0;
    const reporter = createProgressReporter(out, "exp", () => now);
    for (let done = 1; done <= 100; done++) {
      now += 200; // 20 s in all
      reporter.update(at(done));
    }
    reporter.done();
    expect(writes.every((text) => text.startsWith("exp: ") && text.endsWith("\n"))).toBe(true);
    expect(writes.length).toBeGreaterThanOrEqual(4);
    expect(writes.length).toBeLessThanOrEqual(6);
    expect(writes.at(-1)).toContain("100/100 items · 100 passed, 0 failed, 0 errors");
  });
});
