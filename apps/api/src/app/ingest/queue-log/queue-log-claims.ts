import { duplicateOutcome, judge, type FeedUnit, type LineOutcome } from '@floorwatch/feeds';
import { lineHashOf } from '../../database/line-hash';
import type { RecordStore } from '../../database/record-store';
import { QUEUE_LOG_LEGACY_CLAIMS_SETTING } from '../../database/migrations/1796030000000-queue-log-blocks';
import { lineKeys, parseQlUnit, type AcceptedQlLine } from './queue-log-calls';

/**
 * Lines per block: a block is lines k·B+1 … (k+1)·B of a file (by line number), claimed by one
 * hash of their text once a batch holds all of them. A re-read file (the same file again, a
 * rotated log read from its start) is then recognised a block at a time; lines of a block not
 * seen before (new content, a file split at other line numbers, a batch's partial edge blocks)
 * are claimed one by one.
 */
export const BLOCK_LINES = 256;

/** A line to keep: `claim` when its queue_log_lines row is its claim (the row's key is the hash of the line as sent). */
export interface ClaimedQlLine extends AcceptedQlLine {
  /** Position in the batch's units (its outcome becomes a duplicate if the row exists already). */
  index: number;
}

/**
 * Judges one queue_log batch: lines of blocks committed before are duplicates, unread; the others
 * are parsed and, except lines to keep whose text is the line as sent (claimed by their
 * queue_log_lines row in writeQueueLogBatch), claimed in feed_lines. Returns every unit's outcome
 * (accepted for the lines whose row is yet to be written) and the lines to keep.
 */
export async function judgeQueueLogUnits(tx: RecordStore, units: readonly FeedUnit[]): Promise<{ outcomes: LineOutcome[]; lines: ClaimedQlLine[] }> {
  const seen = await claimBlocks(tx, units);
  const outcomes: LineOutcome[] = new Array<LineOutcome>(units.length);
  const lines: ClaimedQlLine[] = [];
  const others: { index: number; hash: string; kept: ClaimedQlLine | null }[] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    if (seen[i]) {
      outcomes[i] = duplicateOutcome(unit);
      continue;
    }
    const hash = lineHashOf(unit.text);
    const k: { kept: ClaimedQlLine | null } = { kept: null };
    outcomes[i] = judge(unit, () => {
      const p = parseQlUnit(unit);
      if (p) {
        const keys = lineKeys(p.line);
        // The claimed hash is the stored line's key too when nothing was stripped.
        const asSent = p.text === unit.text;
        // One object shape for every kept line (no spread: this runs once per line).
        if (keys.callId !== null || keys.agentRef !== null) k.kept = { line: p.line, text: p.text, lineNumber: unit.lineNumber, index: i, hash: asSent ? hash : undefined, claim: asSent };
      }
      return [];
    });
    if (k.kept?.claim) lines.push(k.kept);
    else others.push({ index: i, hash, kept: k.kept });
  }
  if (others.length > 0) {
    const fresh = await tx.claimFeedLines('queue_log', [...new Set(others.map((o) => o.hash))]);
    for (const o of others) {
      if (!fresh.delete(o.hash)) outcomes[o.index] = duplicateOutcome(units[o.index]);
      else if (o.kept !== null) lines.push(o.kept);
    }
    // Back in file order: the stored rows' sources and line numbers follow the file.
    lines.sort((a, b) => a.index - b.index);
  }
  return { outcomes, lines };
}

/**
 * Claims the batch's full blocks; returns, per unit, whether its block was committed before.
 * One statement, and only when the batch holds a full block (a followed file's small batches have none).
 */
async function claimBlocks(tx: RecordStore, units: readonly FeedUnit[]): Promise<boolean[]> {
  const seen = new Array<boolean>(units.length).fill(false);
  const blocks: { start: number; hash: string }[] = [];
  let start = 0;
  while (start < units.length) {
    const block = Math.floor((units[start].lineNumber - 1) / BLOCK_LINES);
    let end = start + 1;
    while (end < units.length && Math.floor((units[end].lineNumber - 1) / BLOCK_LINES) === block) end++;
    if (end - start === BLOCK_LINES) {
      let text = '';
      for (let i = start; i < end; i++) text += units[i].text + '\n';
      blocks.push({ start, hash: lineHashOf(text) });
    }
    start = end;
  }
  if (blocks.length === 0) return seen;
  const rows = await tx.query<{ h: string }>(
    `INSERT INTO queue_log_blocks (block_hash) SELECT h FROM unnest($1::uuid[]) AS u(h)
     ON CONFLICT DO NOTHING RETURNING replace(block_hash::text, '-', '') AS h`,
    [blocks.map((b) => b.hash)],
  );
  const fresh = new Set(rows.map((r) => r.h));
  for (const b of blocks) {
    // A block twice in one batch: both are read line by line (the second one's lines are then duplicates).
    if (fresh.has(b.hash)) continue;
    for (let i = b.start; i < b.start + BLOCK_LINES; i++) seen[i] = true;
  }
  return seen;
}

/** Whether stored queue_log lines may have a feed_lines row only (ingested before queue_log_lines existed). */
export async function legacyLineClaims(store: RecordStore): Promise<boolean> {
  const rows = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM settings WHERE key = $1', [QUEUE_LOG_LEGACY_CLAIMS_SETTING]);
  return Number(rows[0]?.n ?? 0) > 0;
}
