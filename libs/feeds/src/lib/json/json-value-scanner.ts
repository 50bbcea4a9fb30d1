import type { FeedUnit } from '../types';

/**
 * Splits a byte stream into top-level JSON values, whatever the file's shape: NDJSON, a JSON array
 * (streamed element by element), values pretty-printed over many lines, or values concatenated
 * with no separator (`}{`, as Kinesis Data Firehose writes them to S3).
 *
 * Hand-written because the npm streaming parsers (stream-json, @streamparser/json) stop for good
 * at the first syntax error and report no start line per value; a feed must quarantine one broken
 * value and go on with the next. The scanner only checks the grammar's structure (brackets,
 * strings, commas, colons) to find where a value ends or breaks; JSON.parse judges each value.
 *
 * Memory is bounded by the largest value (cut at `maxValueBytes`), never by the file.
 *
 * Recovery after a broken value: bytes are absorbed into the same quarantined unit (counting
 * brackets) until the next value start, which is a `{`/`[` at column 0 (a cut-off NDJSON line is
 * followed by a whole one), or at bracket depth 0 either first on its line or right after the
 * closing bracket (`}{`); inside an array, a `,` or `]` at the element's depth 0.
 */

export interface ScannedUnit extends FeedUnit {
  byteOffset: number;
}

const enum Mode {
  Between,
  Value,
  Junk,
}
const enum Expect {
  Value,
  ValueOrEnd,
  KeyOrEnd,
  Key,
  Colon,
  CommaOrEnd,
}
const enum Arr {
  ElemOrEnd,
  Elem,
  CommaOrEnd,
}

const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACK = 0x5b;
const RBRACK = 0x5d;
const QUOTE = 0x22;
const BSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const NL = 0x0a;

const isSpace = (b: number): boolean => b === 0x20 || b === NL || b === 0x0d || b === 0x09;
/** Loose on purpose: numbers and true/false/null; JSON.parse rejects a bad token precisely. */
const isScalarByte = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b === 0x2d || b === 0x2b || b === 0x2e;

export interface ValueScannerOptions {
  /** A value longer than this keeps only its start and is flagged `truncated`. Default 16 MiB. */
  maxValueBytes?: number;
}

/** Raw bytes of one value (or broken run) with where it started; `broken` when the grammar failed. */
export interface RawValue {
  bytes: Buffer;
  lineNumber: number;
  byteOffset: number;
  overflow: boolean;
  broken: null | { reason: 'bad-json' | 'truncated-json'; line: number; column: number; byte: number };
}

export class JsonValueScanner {
  private readonly max: number;
  private mode = Mode.Between;
  private inArray = false;
  private arr = Arr.ElemOrEnd;
  // position
  private line = 1;
  private col0 = true;
  private firstOnLine = true;
  private offset = 0;
  private bomChecked = false;
  // current unit
  private parts: Buffer[] = [];
  private size = 0;
  private overflow = false;
  private startLine = 0;
  private startOffset = 0;
  private segStart = -1;
  // value grammar
  private stack: number[] = [];
  private expect = Expect.Value;
  private inString = false;
  private escape = false;
  private stringIsKey = false;
  private inScalar = false;
  // recovery
  private depth = 0;
  private afterClose = false;
  private error: RawValue['broken'] = null;
  private out: RawValue[] = [];

  constructor(options: ValueScannerOptions = {}) {
    this.max = options.maxValueBytes ?? 1 << 24;
  }

  /** Feeds bytes; returns the values completed by them. */
  push(buf: Buffer): RawValue[] {
    this.out = [];
    let i = 0;
    if (!this.bomChecked && buf.length > 0) {
      this.bomChecked = true;
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        i = 3;
        this.offset += 3;
      }
    }
    if (this.mode !== Mode.Between) this.segStart = i;
    const len = buf.length;
    for (; i < len; i++) {
      if (this.inString && !this.escape && this.mode === Mode.Value) {
        // Most of a record's bytes are inside strings: skip plain ones without the per-byte state
        // machine. A string holds no newline (that is an error below), so no line bookkeeping.
        let j = i;
        while (j < len) {
          const c = buf[j];
          if (c === QUOTE || c === BSLASH || c < 0x20) break;
          j++;
        }
        if (j > i) {
          this.offset += j - i;
          this.col0 = false;
          this.firstOnLine = false;
          i = j;
          if (i === len) break;
        }
      }
      const b = buf[i];
      this.step(buf, i, b);
      if (b === NL) {
        this.line++;
        this.lineStartOffset = this.offset + 1;
        this.col0 = true;
        this.firstOnLine = true;
      } else {
        this.col0 = false;
        if (!isSpace(b)) this.firstOnLine = false;
      }
      this.offset++;
    }
    if (this.mode !== Mode.Between && this.segStart >= 0) this.keep(buf.subarray(this.segStart));
    this.segStart = -1;
    return this.out;
  }

  /** End of input: a value still open is emitted as cut off. */
  end(): RawValue[] {
    this.out = [];
    if (this.mode === Mode.Value && this.inScalar && this.stack.length === 0) {
      this.inScalar = false;
      this.finish(null);
    } else if (this.mode !== Mode.Between) {
      const open = this.mode === Mode.Value || this.depth > 0;
      this.finish(this.error ?? this.here(open ? 'truncated-json' : 'bad-json'));
    }
    return this.out;
  }

  private here(reason: 'bad-json' | 'truncated-json'): NonNullable<RawValue['broken']> {
    return { reason, line: this.line, column: 0, byte: this.offset };
  }

  private keep(slice: Buffer): void {
    if (this.overflow || slice.length === 0) return;
    if (this.size + slice.length > this.max) {
      this.parts.push(slice.subarray(0, this.max - this.size));
      this.size = this.max;
      this.overflow = true;
      return;
    }
    this.parts.push(Buffer.from(slice));
    this.size += slice.length;
  }

  private begin(i: number): void {
    this.mode = Mode.Value;
    this.parts = [];
    this.size = 0;
    this.overflow = false;
    this.startLine = this.line;
    this.startOffset = this.offset;
    this.segStart = i;
    this.stack = [];
    this.expect = Expect.Value;
    this.inString = false;
    this.escape = false;
    this.inScalar = false;
    this.error = null;
  }

  /** Ends the current unit; `endExclusive` is the chunk index it ends before (-1: already kept). */
  private close(buf: Buffer | null, endExclusive: number, broken: RawValue['broken']): void {
    if (buf && this.segStart >= 0) this.keep(buf.subarray(this.segStart, endExclusive));
    this.segStart = -1;
    this.finish(broken);
  }

  private finish(broken: RawValue['broken']): void {
    const bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    this.out.push({ bytes, lineNumber: this.startLine, byteOffset: this.startOffset, overflow: this.overflow, broken });
    this.parts = [];
    this.mode = Mode.Between;
    this.error = null;
    if (this.inArray) this.arr = Arr.CommaOrEnd;
  }

  private step(buf: Buffer, i: number, b: number): void {
    if (this.mode === Mode.Value) return this.valueByte(buf, i, b);
    if (this.mode === Mode.Junk) return this.junkByte(buf, i, b);
    this.betweenByte(buf, i, b);
  }

  private betweenByte(buf: Buffer, i: number, b: number): void {
    if (isSpace(b)) return;
    if (this.inArray) {
      if (b === RBRACK && this.arr !== Arr.CommaOrEnd) return void (this.inArray = false); // `[]` or a trailing comma
      if (this.arr === Arr.CommaOrEnd) {
        if (b === COMMA) return void (this.arr = Arr.Elem);
        if (b === RBRACK) return void (this.inArray = false);
        // garbage between elements: a broken unit of its own
        this.begin(i);
        return this.toJunk(b, 'bad-json');
      }
      this.begin(i);
      return this.valueByte(buf, i, b);
    }
    if (b === LBRACK) {
      this.inArray = true;
      this.arr = Arr.ElemOrEnd;
      return;
    }
    if (b === COMMA) return; // lenient: `{…},{…}` without the array brackets
    this.begin(i);
    this.valueByte(buf, i, b);
  }

  private toJunk(b: number, reason: 'bad-json' | 'truncated-json'): void {
    this.mode = Mode.Junk;
    this.error = { reason, line: this.line, column: this.column(), byte: this.offset };
    this.depth = this.stack.length;
    this.inString = false;
    this.escape = false;
    this.afterClose = false;
    this.junkStructure(b);
  }

  private column(): number {
    return this.offset - this.lineStartOffset + 1;
  }
  private lineStartOffset = 0;

  private valueByte(buf: Buffer, i: number, b: number): void {
    if (this.inString) {
      if (this.escape) this.escape = false;
      else if (b === BSLASH) this.escape = true;
      else if (b === QUOTE) {
        this.inString = false;
        if (this.stringIsKey) this.expect = Expect.Colon;
        else this.afterValue(buf, i + 1);
      } else if (b < 0x20) this.broken(buf, i, b);
      return;
    }
    if (this.inScalar) {
      if (isScalarByte(b)) return;
      this.inScalar = false;
      this.afterValue(buf, i);
      if (this.mode !== Mode.Value) {
        // the scalar was a whole top-level value; this byte starts whatever comes next
        return this.betweenByte(buf, i, b);
      }
    }
    if (isSpace(b)) return;
    switch (this.expect) {
      case Expect.Value:
      case Expect.ValueOrEnd:
        if (b === LBRACE) {
          this.stack.push(b);
          this.expect = Expect.KeyOrEnd;
        } else if (b === LBRACK) {
          this.stack.push(b);
          this.expect = Expect.ValueOrEnd;
        } else if (b === QUOTE) {
          this.inString = true;
          this.stringIsKey = false;
        } else if (isScalarByte(b)) this.inScalar = true;
        else if (b === RBRACK && this.expect === Expect.ValueOrEnd) this.pop(buf, i);
        else this.broken(buf, i, b);
        return;
      case Expect.KeyOrEnd:
      case Expect.Key:
        if (b === QUOTE) {
          this.inString = true;
          this.stringIsKey = true;
        } else if (b === RBRACE && this.expect === Expect.KeyOrEnd) this.pop(buf, i);
        else this.broken(buf, i, b);
        return;
      case Expect.Colon:
        if (b === COLON) this.expect = Expect.Value;
        else this.broken(buf, i, b);
        return;
      case Expect.CommaOrEnd: {
        const top = this.stack[this.stack.length - 1];
        if (b === COMMA) this.expect = top === LBRACE ? Expect.Key : Expect.Value;
        else if ((b === RBRACE && top === LBRACE) || (b === RBRACK && top === LBRACK)) this.pop(buf, i);
        else this.broken(buf, i, b);
        return;
      }
    }
  }

  private pop(buf: Buffer, i: number): void {
    this.stack.pop();
    this.afterValue(buf, i + 1);
  }

  private afterValue(buf: Buffer, endExclusive: number): void {
    if (this.stack.length === 0) this.close(buf, endExclusive, null);
    else this.expect = Expect.CommaOrEnd;
  }

  private broken(buf: Buffer, i: number, b: number): void {
    // A new line starting a value while this one is open: the line before was cut off (NDJSON).
    if (this.col0 && (b === LBRACE || b === LBRACK) && this.stack.length > 0) {
      this.close(buf, i, { reason: 'truncated-json', line: this.line, column: 1, byte: this.offset });
      if (this.inArray) this.arr = Arr.Elem;
      this.betweenByte(buf, i, b);
      return;
    }
    const reason = b === NL && this.inString ? 'truncated-json' : 'bad-json';
    this.inString = false;
    this.toJunk(b, reason);
  }

  private junkByte(buf: Buffer, i: number, b: number): void {
    if (this.inString) {
      if (this.escape) this.escape = false;
      else if (b === BSLASH) this.escape = true;
      else if (b === QUOTE || b === NL) this.inString = false;
      return;
    }
    const opener = b === LBRACE || b === LBRACK;
    if (opener && (this.col0 || (this.depth === 0 && !this.inArray && (this.firstOnLine || this.afterClose)))) {
      const open = this.depth > 0;
      const err = this.error ?? this.here('bad-json');
      this.close(buf, i, open ? { ...err, reason: 'truncated-json' } : err);
      if (this.inArray) this.arr = Arr.Elem;
      this.betweenByte(buf, i, b);
      return;
    }
    if (this.inArray && this.depth === 0 && (b === COMMA || b === RBRACK)) {
      this.close(buf, i, this.error);
      this.betweenByte(buf, i, b);
      return;
    }
    this.junkStructure(b);
  }

  private junkStructure(b: number): void {
    if (b === QUOTE) {
      this.inString = true;
      this.afterClose = false;
    } else if (b === LBRACE || b === LBRACK) {
      this.depth++;
      this.afterClose = false;
    } else if (b === RBRACE || b === RBRACK) {
      if (this.depth > 0) this.depth--;
      this.afterClose = this.depth === 0;
    } else if (!isSpace(b)) this.afterClose = false;
  }
}
