import { HttpException } from '@nestjs/common';
import { CommanderError } from 'commander';
import { DatabaseOpenError } from '@floorwatch/api/database/describe-db-error';
import { IngestInputError } from '@floorwatch/api/ingest/ingest.service';
import { UsageError } from './usage-error';

export { UsageError };

/** interfaces.md: 0 ok, 2 bad usage or unreadable input, 1 any other failure. */
export function exitCodeOf(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
  if (err instanceof UsageError || err instanceof IngestInputError) return 2;
  // The API's validation (400) is the CLI's bad usage: same schemas, same messages.
  if (err instanceof HttpException && err.getStatus() === 400) return 2;
  if (err instanceof DatabaseOpenError) return 1;
  return 1;
}

/** One line, no stack: what went wrong and, where known, what to do. */
export function oneLine(err: unknown): string {
  let msg: string;
  if (err instanceof HttpException) {
    const body = err.getResponse();
    msg = typeof body === 'object' && body !== null && 'message' in body ? String((body as { message: unknown }).message) : err.message;
  } else msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/\s*\n\s*/g, ' ').trim();
}
