import { formatProgressLine, LOG_PROGRESS_INTERVAL_MS } from "../engine/progress-line.js";
import type { ItemProgress } from "../engine/stop-rules.js";

/** Redraw often enough to look alive on a terminal. */
const TTY_INTERVAL_MS = 100;
const BAR_WIDTH = 24;

export interface ProgressReporter {
  update(progress: ItemProgress): void;
  done(): void;
}

export function createProgressReporter(
  stream: NodeJS.WriteStream,
  label: string,
  clock: () => number = Date.now,
): ProgressReporter {
  const started = clock();
  let last = 0;
  let latest: ItemProgress | undefined;
  const interactive = Boolean(stream.isTTY);
  const interval = interactive ? TTY_INTERVAL_MS : LOG_PROGRESS_INTERVAL_MS;

  const describe = (p: ItemProgress): string => formatProgressLine(p, clock() - started);
  const draw = (p: ItemProgress): void => {
    if (interactive) {
      const filled = p.total > 0 ? Math.round((p.done / p.total) * BAR_WIDTH) : BAR_WIDTH;
      const bar = "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled);
      stream.write(`\r\x1b[2K${label} ${bar} ${describe(p)}`);
    } else {
      stream.write(`${label}: ${describe(p)}\n`);
    }
  };

  return {
    update(progress) {
      latest = progress;
      const now = clock();
      if (now - last >= interval) {
        last = now;
        draw(progress);
      }
    },
    done() {
      if (latest) draw(latest);
      if (interactive && latest) stream.write("\n");
    },
  };
}
