import { describe, expect, it } from "vitest";
import { appendRegressionItems, datasetItemIds } from "../../../src/core/regression/regression-dataset.js";
import { makeRun, makeRunItem } from "../../store/fixtures/make-run.js";

const run = makeRun({ role: "candidate", pull_request: 7 });
const failed = (itemId: string) => makeRunItem(run.id, itemId, { status: "failed" });

describe("appendRegressionItems", () => {
  it("keeps existing lines as they are and appends only items whose id is new", () => {
    const existing = '{"id":"item-0001","input":"kept as written"}\r\nnot json\n{"question":"no id: hashed"}';
    const update = appendRegressionItems(existing, [failed("item-0001"), failed("item-0002")], run, "2026-11-25T13:00:00.000Z");
    expect(update.added.map((item) => item.item_id)).toEqual(["item-0002"]);
    expect(update.alreadyPresent.map((item) => item.item_id)).toEqual(["item-0001"]);
    expect(update.content?.startsWith(`${existing}\n{"id":"item-0002",`)).toBe(true);
    expect(update.content?.endsWith("\n")).toBe(true);
    expect([...datasetItemIds(update.content ?? "")]).toHaveLength(3);
  });

  it("returns no content when every item is already there", () => {
    const update = appendRegressionItems('{"id":"item-0001","input":1}\n', [failed("item-0001")], run, "2026-11-25T13:00:00.000Z");
    expect(update.content).toBeUndefined();
  });
});
