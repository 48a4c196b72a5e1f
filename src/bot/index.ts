// The bundle's entry (dist/bot/index.js, `npm start`). The bot proper is imported only after the
// version check, so an older Node prints one line instead of a stack trace.
import { unsupportedNodeMessage } from "../core/required-node.js";

const problem = unsupportedNodeMessage("evalgate bot", process.versions.node, process.execPath);
if (problem === undefined) {
  void import("./main.js");
} else {
  process.stderr.write(`${problem}\n`);
  process.exitCode = 2;
}
