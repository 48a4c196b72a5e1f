import path from "node:path";
import { readFile, stat } from "node:fs/promises";

/**
 * The project files a JavaScript module imports by relative path (`./x.mjs`, `../lib/y.js`), and
 * what those import in turn: a module scorer's score depends on them as much as on its own text.
 * Static imports, re-exports and `import("./x.mjs")` with a literal are found (es-module-lexer, the
 * lexer Vite uses); packages and computed specifiers are not project files and are left out.
 * Returns absolute paths, sorted, each once, the module itself excluded; a file that cannot be
 * read or parsed stops the walk there (the module's own load reports it).
 */
export async function localImportsOf(moduleFile: string, projectDir: string): Promise<string[]> {
  // Loaded here, not at the top: every command created its WebAssembly instance (17 MB of memory
  // reserved for the process's life, seen in a run's heap snapshot), and only module scorers need it.
  const { init, parse } = await import("es-module-lexer");
  await init;
  const root = path.resolve(projectDir);
  const seen = new Set<string>([path.resolve(moduleFile)]);
  const queue = [path.resolve(moduleFile)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    let specifiers: string[];
    try {
      const [imports] = parse(await readFile(file, "utf8"), file);
      specifiers = imports.flatMap((entry) => (entry.n === undefined ? [] : [entry.n]));
    } catch {
      continue;
    }
    for (const specifier of specifiers) {
      if (!specifier.startsWith("./") && !specifier.startsWith("../")) continue;
      const target = await existingFile(path.resolve(path.dirname(file), specifier.split(/[?#]/, 1)[0]!));
      if (target === undefined || seen.has(target) || !(target === root || target.startsWith(root + path.sep))) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  seen.delete(path.resolve(moduleFile));
  return [...seen].sort();
}

/** TypeScript scorers (run through tsx) may import "./helper" for helper.ts: the file as tsx would find it. */
const RESOLVED_SUFFIXES = ["", ".ts", ".mts", ".js", ".mjs", ".cjs", "/index.ts", "/index.js"];

async function existingFile(base: string): Promise<string | undefined> {
  for (const suffix of RESOLVED_SUFFIXES) {
    const candidate = base + suffix;
    if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
  }
  return undefined;
}
