#!/usr/bin/env -S node --max-semi-space-size=8
// The bundle's entry (dist/cli/index.js, the package's `bin`). Static imports are linked before any
// code runs, so the CLI proper is imported only after the version check: on an older Node the user
// reads one line, not `ERR_UNKNOWN_BUILTIN_MODULE: node:sqlite` and a stack trace.
import { unsupportedNodeMessage } from "../core/required-node.js";

const problem = unsupportedNodeMessage("evalgate", process.versions.node, process.execPath);
if (problem === undefined) {
  void import("./main.js");
} else {
  process.stderr.write(`${problem}\n`);
  process.exitCode = 2;
}
