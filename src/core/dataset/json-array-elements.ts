import { MAX_JSON_DEPTH } from "../json-depth.js";

/** The text of one element of the top-level array, and where it starts in the file. */
export interface ArrayElementText {
  text: string;
  index: number;
  line: number;
  column: number;
}

/** A problem with the array itself (not inside an element), at a physical line and column. */
export class JsonArrayError extends Error {
  constructor(
    readonly problem: string,
    readonly line: number,
    readonly column: number,
    /** The item being read, when the problem is inside one. */
    readonly index?: number,
    /** "shape": the text may be valid JSON, only not an array of items; "depth": nested too deeply. */
    readonly kind: "syntax" | "shape" | "depth" = "syntax",
  ) {
    super(problem);
  }
}

/** A too-long element: `line` is where it starts. */
export class ElementTooLongError extends Error {
  constructor(
    readonly line: number,
    readonly index: number,
  ) {
    super(`item [${index}] is too long`);
  }
}

const enum State {
  BeforeArray,
  BeforeFirst,
  AfterComma,
  InElement,
  AfterElement,
  AfterArray,
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

function isWhitespace(code: number): boolean {
  return code === SPACE || code === LF || code === CR || code === TAB;
}

/**
 * Splits a top-level JSON array into the texts of its elements as the chunks arrive, tracking the
 * physical line and column of every character (LF, CRLF and a lone CR end a line), so each
 * element, and each problem, has the line an editor shows. Only strings and bracket depth are
 * followed here; `JSON.parse` checks each element. Holds one chunk and the element in progress,
 * which may not grow beyond `maxLength` characters nor nest deeper than `MAX_JSON_DEPTH`.
 */
export class JsonArraySplitter {
  private state = State.BeforeArray;
  private line = 1;
  private column = 1;
  private afterCr = false;
  private first = true;
  private index = -1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private pieces: string[] = [];
  private pendingLength = 0;
  private elementLine = 0;
  private elementColumn = 0;

  constructor(private readonly maxLength: number) {}

  /**
   * The elements that end in this chunk, each as soon as it is found: the reader checks it before
   * the rest of the chunk is read, so the first problem in the file is the one reported.
   */
  *push(chunk: string): Generator<ArrayElementText> {
    let text = chunk;
    if (this.first && text !== "") {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    let elementStart = 0;
    let at = 0;
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (this.state === State.InElement) {
        const end = this.elementEnd(code);
        if (end === "continues") {
          this.advance(code);
          at++;
          continue;
        }
        const stop = end === "after" ? at + 1 : at;
        yield this.finishElement(text.slice(elementStart, stop));
        this.state = State.AfterElement;
        if (end === "after") {
          this.advance(code);
          at++;
        }
        continue;
      }
      if (!isWhitespace(code)) {
        const starts = this.betweenElements(code);
        if (starts) {
          this.startElement();
          elementStart = at;
          continue; // the same character, now read as part of the element
        }
      }
      this.advance(code);
      at++;
    }
    if (this.state === State.InElement) {
      const rest = elementStart === 0 ? text : text.slice(elementStart);
      this.pieces.push(rest);
      this.pendingLength += rest.length;
      if (this.pendingLength > this.maxLength) throw new ElementTooLongError(this.elementLine, this.index);
    }
  }

  /** Refuses a file that ends before the array is closed. */
  finish(): void {
    if (this.state === State.AfterArray) return;
    if (this.state === State.BeforeArray) {
      throw new JsonArrayError("the file is empty; write a JSON array of items ([{…}, {…}])", this.line, this.column, undefined, "shape");
    }
    if (this.state === State.InElement && (this.depth > 0 || this.inString)) {
      throw new JsonArrayError(
        "the file ends inside this item; close it, and the array with ']'",
        this.elementLine,
        this.elementColumn,
        this.index,
      );
    }
    throw new JsonArrayError("the file ends before the array is closed; end it with ']'", this.line, this.column);
  }

  /** Handles a non-blank character outside any element; true when it starts one. */
  private betweenElements(code: number): boolean {
    switch (this.state) {
      case State.BeforeArray:
        if (code !== OPEN_BRACKET) {
          throw new JsonArrayError("expected a JSON array of items at the top level ([{…}, {…}])", this.line, this.column, undefined, "shape");
        }
        this.state = State.BeforeFirst;
        return false;
      case State.BeforeFirst:
        if (code === CLOSE_BRACKET) {
          this.state = State.AfterArray;
          return false;
        }
        if (code === COMMA) this.fail("a comma before the first item");
        return true;
      case State.AfterComma:
        if (code === CLOSE_BRACKET) this.fail("a comma before ']'; remove the trailing comma");
        if (code === COMMA) this.fail(`an item is missing between two commas (after item [${this.index}])`);
        return true;
      case State.AfterElement:
        if (code === COMMA) this.state = State.AfterComma;
        else if (code === CLOSE_BRACKET) this.state = State.AfterArray;
        else this.fail(`expected ',' or ']' after item [${this.index}]`);
        return false;
      default:
        this.fail("unexpected text after the array's closing ']'");
    }
  }

  private startElement(): void {
    this.state = State.InElement;
    this.index++;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.elementLine = this.line;
    this.elementColumn = this.column;
  }

  /**
   * Whether the element goes on past `code`, ends with it (a closing quote or bracket), or ended
   * just before it (a scalar followed by ',', ']' or a blank).
   */
  private elementEnd(code: number): "continues" | "after" | "before" {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (code === BACKSLASH) this.escaped = true;
      else if (code === QUOTE) {
        this.inString = false;
        if (this.depth === 0) return "after";
      }
      return "continues";
    }
    if (code === QUOTE) this.inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++this.depth > MAX_JSON_DEPTH) {
        throw new JsonArrayError(`nested more than ${MAX_JSON_DEPTH} levels deep`, this.line, this.column, this.index, "depth");
      }
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (this.depth === 0) return "before";
      if (--this.depth === 0) return "after";
    } else if (this.depth === 0 && (code === COMMA || isWhitespace(code))) {
      return "before";
    }
    return "continues";
  }

  private finishElement(tail: string): ArrayElementText {
    const text = this.pieces.length === 0 ? tail : this.pieces.join("") + tail;
    this.pieces = [];
    this.pendingLength = 0;
    if (text.length > this.maxLength) throw new ElementTooLongError(this.elementLine, this.index);
    return { text, index: this.index, line: this.elementLine, column: this.elementColumn };
  }

  private advance(code: number): void {
    if (code === LF) {
      if (!this.afterCr) this.line++;
      this.column = 1;
      this.afterCr = false;
    } else if (code === CR) {
      this.line++;
      this.column = 1;
      this.afterCr = true;
    } else {
      this.column++;
      this.afterCr = false;
    }
  }

  private fail(problem: string): never {
    throw new JsonArrayError(problem, this.line, this.column);
  }
}
