import path from "node:path";
import type { RunItem } from "../../src/core/model/run-item.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";

/** The newest run in the workspace's embedded store, with its stored items. */
export async function storedItems(cwd: string): Promise<{ runId: string; items: RunItem[] }> {
  const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
  try {
    const [run] = await store.listRuns();
    if (!run) return { runId: "", items: [] };
    const items: RunItem[] = [];
    for await (const item of store.runItems(run.id)) items.push(item);
    return { runId: run.id, items };
  } finally {
    await store.close();
  }
}

/** Waits until the running CLI has stored at least `count` items of its run. */
export async function waitForStored(cwd: string, count: number): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const { items } = await storedItems(cwd).catch(() => ({ items: [] as RunItem[] }));
    if (items.length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`fewer than ${count} items were stored in time`);
}
