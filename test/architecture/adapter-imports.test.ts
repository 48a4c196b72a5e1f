import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const ADAPTERS = ["action", "bot", "cli"];
/** Node modules that reach outside the process (files, processes, network, the host): core does none of that. */
const IO_BUILTINS = /^(node:)?(fs|fs\/promises|child_process|net|http|https|http2|dgram|dns|tls|os|cluster|worker_threads|readline|process)$/;

interface ImportEdge {
  /** The importing file, relative to src/ ("cli/commands/run.ts"). */
  from: string;
  /** As written in the import. */
  specifier: string;
  /** The imported file relative to src/ for a relative import; undefined for a package. */
  target: string | undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|cts)$/.test(entry.name) ? [full] : [];
  });
}

/** Static imports and re-exports (`from "…"`), side-effect imports and dynamic `import("…")`. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

function importEdges(): ImportEdge[] {
  return sourceFiles(SRC).flatMap((file) => {
    const text = readFileSync(file, "utf8");
    const from = path.relative(SRC, file).split(path.sep).join("/");
    return [...text.matchAll(IMPORT)].map(([, specifier = ""]) => {
      const target = specifier.startsWith(".")
        ? path.relative(SRC, path.resolve(path.dirname(file), specifier)).split(path.sep).join("/")
        : undefined;
      return { from, specifier, target };
    });
  });
}

const topFolder = (relative: string) => (relative.startsWith("..") ? ".." : relative.split("/")[0]);
const show = (edge: ImportEdge) => `${edge.from} imports ${edge.specifier}`;

describe("the layers of src/", () => {
  const edges = importEdges();

  it("finds the imports it checks", () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(edges.some((edge) => edge.from === "action/run.ts" && edge.target === "github/eval-commands/handle-eval-comment.js")).toBe(true);
  });

  it("no adapter (action, bot, cli) imports another; they share what lies below them", () => {
    const crossing = edges.filter((edge) => {
      if (edge.target === undefined) return false;
      const from = topFolder(edge.from);
      const to = topFolder(edge.target);
      return ADAPTERS.includes(from ?? "") && ADAPTERS.includes(to ?? "") && from !== to;
    });
    expect(crossing.map(show)).toEqual([]);
  });

  it("nothing below the adapters imports an adapter", () => {
    const upward = edges.filter((edge) => {
      const from = topFolder(edge.from) ?? "";
      return edge.target !== undefined && !ADAPTERS.includes(from) && from !== "demo" && ADAPTERS.includes(topFolder(edge.target) ?? "");
    });
    expect(upward.map(show)).toEqual([]);
  });

  it("core imports nothing outside core, and no Node module that does I/O", () => {
    const leaving = edges.filter(
      (edge) => topFolder(edge.from) === "core" && (edge.target === undefined ? IO_BUILTINS.test(edge.specifier) : topFolder(edge.target) !== "core"),
    );
    expect(leaving.map(show)).toEqual([]);
  });
});
