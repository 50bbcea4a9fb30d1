/** One line per check, in the TAP-like form CI counts: `ok <name>` / `not ok <name> — <reason>`. */
export class Report {
  private readonly results: { name: string; ok: boolean; reason?: string }[] = [];

  pass(name: string, note?: string): void {
    this.results.push({ name, ok: true });
    console.log(`ok ${name}${note ? ` (${oneLine(note)})` : ''}`);
  }

  fail(name: string, reason: string): void {
    this.results.push({ name, ok: false, reason });
    console.log(`not ok ${name} — ${oneLine(reason)}`);
  }

  /** Runs one check; a thrown error (assertion or timeout) is that check's failure, not the run's. */
  async check(name: string, body: () => Promise<string | void>): Promise<boolean> {
    try {
      const note = await body();
      this.pass(name, note ?? undefined);
      return true;
    } catch (e) {
      this.fail(name, e instanceof Error ? e.message : String(e));
      return false;
    }
  }

  get failed(): number {
    return this.results.filter((r) => !r.ok).length;
  }
  get passed(): number {
    return this.results.filter((r) => r.ok).length;
  }
}

export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 400);
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}
