import { MAX_JSON_DEPTH } from "../json-depth.js";

/**
 * Where and why a JSON text is refused; `character` is set when one character is unexpected,
 * `tooDeep` when the text is valid JSON but nested beyond the limit.
 */
export interface JsonSyntaxError {
  index: number;
  problem: string;
  character?: string;
  tooDeep?: boolean;
}

/**
 * Finds the first syntax error in `text` (one JSON value, surrounding whitespace allowed), or a
 * nesting deeper than `maxDepth`. Used on the error path only, after `JSON.parse` refused the text:
 * it locates the problem itself, so no message depends on the engine's wording or quotes an excerpt
 * of the file.
 */
export function findJsonSyntaxError(text: string, maxDepth = MAX_JSON_DEPTH): JsonSyntaxError | undefined {
  const scanner = new Scanner(text, maxDepth);
  try {
    scanner.document();
    return undefined;
  } catch (error) {
    if (error instanceof Found) return error.syntaxError;
    throw error;
  }
}

/** "unexpected character "x"" when the content may be quoted, else without the character. */
export function describeJsonSyntaxError(error: JsonSyntaxError, quoteContent: boolean): string {
  return quoteContent && error.character !== undefined
    ? `${error.problem} ${JSON.stringify(error.character)}`
    : error.problem;
}

class Found extends Error {
  constructor(readonly syntaxError: JsonSyntaxError) {
    super(syntaxError.problem);
  }
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

class Scanner {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  document(): void {
    this.value(0);
    this.skipWhitespace();
    if (this.index < this.text.length) this.fail("unexpected text after the JSON value");
  }

  private value(depth: number): void {
    this.skipWhitespace();
    const char = this.text[this.index];
    if (char === undefined) this.fail("a value is missing (the text ends early)");
    if (char === "{") this.object(depth + 1);
    else if (char === "[") this.array(depth + 1);
    else if (char === '"') this.string();
    else if (char === "-" || (char >= "0" && char <= "9")) this.number();
    else if (char === "t") this.literal("true");
    else if (char === "f") this.literal("false");
    else if (char === "n") this.literal("null");
    else this.unexpected();
  }

  private object(depth: number): void {
    if (depth > this.maxDepth) this.tooDeep();
    this.index++;
    this.skipWhitespace();
    if (this.text[this.index] === "}") {
      this.index++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.index] !== '"') this.fail("expected a property name in double quotes");
      this.string();
      this.skipWhitespace();
      if (this.text[this.index] !== ":") this.fail("expected ':' after the property name");
      this.index++;
      this.value(depth);
      this.skipWhitespace();
      const next = this.text[this.index];
      if (next === "}") {
        this.index++;
        return;
      }
      if (next !== ",") this.fail("expected ',' or '}' after a property value");
      this.index++;
      this.skipWhitespace();
      if (this.text[this.index] === "}") this.fail("a comma before '}'; remove the trailing comma");
    }
  }

  private array(depth: number): void {
    if (depth > this.maxDepth) this.tooDeep();
    this.index++;
    this.skipWhitespace();
    if (this.text[this.index] === "]") {
      this.index++;
      return;
    }
    for (;;) {
      this.value(depth);
      this.skipWhitespace();
      const next = this.text[this.index];
      if (next === "]") {
        this.index++;
        return;
      }
      if (next !== ",") this.fail("expected ',' or ']' after an array element");
      this.index++;
      this.skipWhitespace();
      if (this.text[this.index] === "]") this.fail("a comma before ']'; remove the trailing comma");
    }
  }

  private string(): void {
    const start = this.index;
    this.index++;
    for (;;) {
      const code = this.text.charCodeAt(this.index);
      if (Number.isNaN(code)) this.fail("a string is not closed", start);
      if (code === 0x22) {
        this.index++;
        return;
      }
      if (code < 0x20) this.fail("a line break or control character inside a string; write it as an escape (\\n, \\t, \\u0000)");
      if (code === 0x5c) {
        const escape = this.text[this.index + 1];
        if (escape === "u") {
          if (!/^[0-9A-Fa-f]{4}$/.test(this.text.slice(this.index + 2, this.index + 6))) {
            this.fail("an invalid \\u escape in a string (write four hex digits)");
          }
          this.index += 6;
          continue;
        }
        if (escape === undefined || !ESCAPES.has(escape)) {
          this.fail("an invalid escape in a string (a backslash is written \\\\)");
        }
        this.index += 2;
        continue;
      }
      this.index++;
    }
  }

  private number(): void {
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = this.index;
    const found = match.exec(this.text);
    const end = found === null ? this.index : this.index + found[0].length;
    const next = this.text[end];
    if (found === null || (next !== undefined && /[0-9.eE+-]/.test(next))) {
      this.fail("an invalid number");
    }
    this.index = end;
  }

  private literal(word: string): void {
    if (this.text.startsWith(word, this.index)) this.index += word.length;
    else this.unexpected();
  }

  private skipWhitespace(): void {
    while (WHITESPACE.has(this.text.charCodeAt(this.index))) this.index++;
  }

  private unexpected(): never {
    const code = this.text.codePointAt(this.index)!;
    throw new Found({ index: this.index, problem: "unexpected character", character: String.fromCodePoint(code) });
  }

  private tooDeep(): never {
    throw new Found({ index: this.index, problem: `nested more than ${this.maxDepth} levels deep`, tooDeep: true });
  }

  private fail(problem: string, index = this.index): never {
    throw new Found({ index, problem });
  }
}
