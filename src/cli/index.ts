#!/usr/bin/env -S node --max-semi-space-size=8
// The bundle's entry (dist/cli/index.js, the package's `bin`). Static imports are linked before any
// code runs, so the CLI proper is imported only after the version check: on an older Node the user
// reads one line, not `ERR_UNKNOWN_BUILTIN_MODULE: node:sqlite` and a stack trace.
import module from "node:module";
import { unsupportedNodeMessage } from "../core/required-node.js";

const problem = unsupportedNodeMessage("evalgate", process.versions.node, process.execPath);
if (problem === undefined) {
  // V8 keeps the bundle's compiled code between runs (Node's own cache, in the system's temporary
  // folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off). On the built bundle, `evalgate --help` took
  // 0.17 s of CPU instead of 0.22 s and `runs list` 0.17 s instead of 0.21 s (medians of 9 pairs).
  // Without a writable folder it is simply not used. Called before main.js, whose chunks it covers.
  module.enableCompileCache?.();
  void import("./main.js");
} else {
  process.stderr.write(`${problem}\n`);
  process.exitCode = 2;
}
