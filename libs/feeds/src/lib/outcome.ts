import type { IngestSummary } from '@floorwatch/contracts';
import type { FeedRecord, FeedUnit, LineOutcome } from './types';

/** Thrown inside parsers to quarantine the current unit; never escapes `push`. */
export class QuarantineError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'QuarantineError';
  }
}

export function quarantine(code: string, detail: string): never {
  throw new QuarantineError(code, detail);
}

export function accepted(unit: FeedUnit, records: FeedRecord[] = []): LineOutcome {
  return { lineNumber: unit.lineNumber, raw: unit.text, status: 'accepted', records };
}

export function quarantined(unit: FeedUnit, code: string, detail: string): LineOutcome {
  return { lineNumber: unit.lineNumber, raw: unit.text, status: 'quarantined', reason: code, detail, records: [] };
}

/** For the ingest: a unit it dropped because its line hash was already stored for the source. */
export function duplicateOutcome(unit: FeedUnit): LineOutcome {
  return { lineNumber: unit.lineNumber, raw: unit.text, status: 'duplicate', records: [] };
}

/** Runs a unit handler, turning QuarantineError into a quarantined outcome. Other errors are bugs and propagate. */
export function judge(unit: FeedUnit, handler: () => FeedRecord[]): LineOutcome {
  if (unit.truncated) return quarantined(unit, 'line-too-long', 'line exceeds the reader maxLineLength; only its start was kept');
  if (unit.invalid) return quarantined(unit, unit.invalid.reason, unit.invalid.detail);
  try {
    return accepted(unit, handler());
  } catch (e) {
    if (e instanceof QuarantineError) return quarantined(unit, e.code, e.detail);
    throw e;
  }
}

/** Counts outcomes into the IngestSummary shape; reasons are counted by code. */
export class OutcomeCounter {
  private readonly s: IngestSummary = { read: 0, accepted: 0, duplicates: 0, quarantined: 0, reasons: {} };

  add(outcome: LineOutcome): void {
    this.s.read++;
    if (outcome.status === 'accepted') this.s.accepted++;
    else if (outcome.status === 'duplicate') this.s.duplicates++;
    else {
      this.s.quarantined++;
      const code = outcome.reason ?? 'unknown';
      this.s.reasons[code] = (this.s.reasons[code] ?? 0) + 1;
    }
  }

  summary(): IngestSummary {
    return { ...this.s, reasons: { ...this.s.reasons } };
  }
}

export function summarise(outcomes: Iterable<LineOutcome>): IngestSummary {
  const c = new OutcomeCounter();
  for (const o of outcomes) c.add(o);
  return c.summary();
}
