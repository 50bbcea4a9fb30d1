import type { QueueWaitingResult } from '@floorwatch/contracts';

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
}

/**
 * The wallboard's "Calls waiting" and "Longest wait" (voice: the e-mail queue waits hours by
 * design and would always be the longest). Nobody waiting reads 0 and 0:00, never a dash; not
 * loaded yet reads "…". A chat figure is added only while chats wait.
 */
export function waitingNumerals(r: QueueWaitingResult | undefined | null): WaitingNumeral[] {
  if (!r) return [{ label: 'Calls waiting', text: '…' }, { label: 'Longest wait', text: '…' }];
  const voice = r.channels.voice ?? { waiting: 0, longestWaitSeconds: null };
  const out = [
    { label: 'Calls waiting', text: String(voice.waiting) },
    { label: 'Longest wait', text: waitClock(voice.longestWaitSeconds ?? 0) },
  ];
  const chat = r.channels.chat;
  if (chat && chat.waiting > 0) out.push({ label: `Chats waiting · longest ${waitClock(chat.longestWaitSeconds ?? 0)}`, text: String(chat.waiting) });
  return out;
}
