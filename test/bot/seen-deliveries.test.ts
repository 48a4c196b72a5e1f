import { describe, expect, it } from "vitest";
import { SeenDeliveries } from "../../src/bot/seen-deliveries.js";

describe("SeenDeliveries", () => {
  it("claims an id once, forgets the oldest beyond its capacity, and can release a failed one", () => {
    const seen = new SeenDeliveries(2);
    expect(seen.claim("a")).toBe(true);
    expect(seen.claim("a")).toBe(false);
    seen.claim("b");
    seen.claim("c");
    expect(seen.claim("a")).toBe(true);
    seen.release("c");
    expect(seen.claim("c")).toBe(true);
  });
});
