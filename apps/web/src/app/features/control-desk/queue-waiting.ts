import type { QueueWaitingResult, WaitingFigures } from '@floorwatch/contracts';

/** "3:00", "12:05", "1:02:03": a wait as a wall clock reads it (m:ss, h:mm:ss past the hour). */
export function waitClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export interface WaitingNumeral {
  label: string;
  text: string;
  /** Tooltip: why a figure reads "n/a". */
  title?: string;
}

/** A site whose feed reports contacts only once they end cannot say who waits: "n/a", and why. */
const unknownTitle = (reason: string | undefined): string =>
  `Not known: the ${reason ?? 'feed reports completed contacts only'} (Connect CTRs, contacts NDJSON), so who is in queue now is not in it`;

/**
 * The wallboard's "Calls waiting" and "Longest wait" (voice: the e-mail queue waits hours by
 * design and would always be the longest). Nobody waiting reads 0 and 0:00, never a dash; not
 * loaded yet reads "…"; not known (a completed-contact feed) reads "n/a" with the reason as a
 * tooltip, never a 0. A chat figure is added only while chats are known to wait.
 */
export function waitingNumerals(r: QueueWaitingResult | undefined | null): WaitingNumeral[] {
  if (!r) return [{ label: 'Calls waiting', text: '…' }, { label: 'Longest wait', text: '…' }];
  const voice: WaitingFigures = r.channels.voice ?? { waiting: 0, longestWaitSeconds: null, oldestEnteredAt: null };
  const out: WaitingNumeral[] =
    voice.waiting === null
      ? [
          { label: 'Calls waiting', text: 'n/a', title: unknownTitle(voice.reason) },
          { label: 'Longest wait', text: 'n/a', title: unknownTitle(voice.reason) },
        ]
      : [
          { label: 'Calls waiting', text: String(voice.waiting) },
          { label: 'Longest wait', text: waitClock(voice.longestWaitSeconds ?? 0) },
        ];
  const chat = r.channels.chat;
  if (chat && chat.waiting !== null && chat.waiting > 0) out.push({ label: `Chats waiting · longest ${waitClock(chat.longestWaitSeconds ?? 0)}`, text: String(chat.waiting) });
  return out;
}
