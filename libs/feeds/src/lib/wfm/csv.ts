import { parse } from 'csv-parse/sync';
import type { FeedFormat } from '@floorwatch/contracts';
import { judge, quarantine } from '../outcome';
import type { FeedParser, FeedRecord, FeedUnit, LineOutcome } from '../types';

/** Cells of a row by header name; missing optional columns read as ''. */
export type Row = (name: string) => string;

/**
 * Line-oriented CSV: each line is parsed with csv-parse, so quoted commas work but a quoted field
 * spanning lines does not (WFM and survey exports do not produce them). The first line is a header
 * when it names any documented column: its cells are then read by those names, whatever their order
 * and whichever optional columns it leaves out (a survey with three questions names q1..q3 only),
 * never by position, which would shift every value after a missing column into the wrong field.
 * A header lacking a column every row needs is quarantined with the reason, and so is each row.
 * Without a header the columns are read in the documented order.
 */
export abstract class CsvFeedParser implements FeedParser {
  abstract readonly format: FeedFormat;
  private columns: string[] | null = null;
  private seenFirst = false;

  /**
   * @param requiredColumns the fields a header-less row must have (its documented first columns)
   * @param headerColumns the columns a header must name for its rows to be readable
   */
  constructor(
    private readonly defaultColumns: string[],
    private readonly requiredColumns: string[],
    private readonly headerColumns: string[] = requiredColumns,
  ) {}

  protected abstract row(get: Row, cells: string[]): FeedRecord;

  push(unit: FeedUnit): LineOutcome {
    return judge(unit, () => {
      if (unit.text.trim() === '') return [];
      const cells = this.cells(unit.text);
      if (!this.seenFirst) {
        this.seenFirst = true;
        const names = cells.map((c) => c.trim().toLowerCase());
        if (names.some((n) => this.defaultColumns.includes(n))) {
          this.columns = names;
          const lacking = this.headerColumns.filter((c) => !names.includes(c));
          if (lacking.length) quarantine('bad-header', `header lacks ${lacking.join(', ')}: its rows cannot be read (columns are read by the header's names)`);
          return [];
        }
      }
      const columns = this.columns ?? this.defaultColumns;
      // Under a header a row needs every cell up to the last documented-required column it names
      // (a shorter row is cut off, not a response without answers).
      const min = this.columns ? 1 + Math.max(0, ...[...this.requiredColumns, ...this.headerColumns].map((c) => columns.indexOf(c))) : this.requiredColumns.length;
      if (cells.length < min || cells.length > columns.length) {
        quarantine('wrong-field-count', `expected ${min === columns.length ? min : `${min}–${columns.length}`} fields, got ${cells.length}`);
      }
      const index = new Map(columns.map((c, i) => [c, i]));
      const get: Row = (name) => {
        const i = index.get(name);
        return i === undefined ? '' : (cells[i] ?? '').trim();
      };
      return [this.row(get, cells)];
    });
  }

  private cells(text: string): string[] {
    try {
      const rows = parse(text, { relax_column_count: true, relax_quotes: true }) as string[][];
      return rows[0] ?? [];
    } catch (e) {
      return quarantine('bad-csv', e instanceof Error ? e.message : String(e));
    }
  }

  end(): FeedRecord[] {
    return [];
  }
  exportState(): string {
    return JSON.stringify({ version: 1, columns: this.columns, seenFirst: this.seenFirst });
  }
  importState(json: string): void {
    const s = JSON.parse(json) as { version?: number; columns?: string[] | null; seenFirst?: boolean };
    if (s.version !== 1) throw new Error(`${this.format} parser state has an unknown shape (expected version 1)`);
    this.columns = s.columns ?? null;
    this.seenFirst = s.seenFirst ?? false;
  }
}

export function required(get: Row, name: string): string {
  const v = get(name);
  return v === '' ? quarantine(`missing-field:${name}`, `${name} is empty`) : v;
}
