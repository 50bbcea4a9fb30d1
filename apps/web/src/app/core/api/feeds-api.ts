import { HttpClient } from '@angular/common/http';
import { DestroyRef, Injectable, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { merge, switchMap, timer } from 'rxjs';
import { API_PREFIX, FEED_ALERT_EVENT, type FeedAlertPayload, type FeedHealth } from '@floorwatch/contracts';
import { SocketService } from '../socket.service';

/** Feed health (admin, control desk): GET /api/v1/feeds, refreshed every 30 s and on each `feed-alert`. */
@Injectable({ providedIn: 'root' })
export class FeedsApi {
  private readonly http = inject(HttpClient);
  private readonly socket = inject(SocketService);

  /** The table as a signal for the calling component's lifetime (null until the first answer). */
  watch(): { feeds: Signal<FeedHealth[] | null>; error: Signal<string | null>; lastAlert: Signal<FeedAlertPayload | null> } {
    const feeds = signal<FeedHealth[] | null>(null);
    const error = signal<string | null>(null);
    const lastAlert = signal<FeedAlertPayload | null>(null);
    const alerts = this.socket.onUnsequenced<FeedAlertPayload>(FEED_ALERT_EVENT);
    const destroy = inject(DestroyRef);
    alerts.pipe(takeUntilDestroyed(destroy)).subscribe((a) => lastAlert.set(a));
    merge(timer(0, 30_000), alerts)
      .pipe(
        switchMap(() => this.http.get<FeedHealth[]>(`${API_PREFIX}/feeds`)),
        takeUntilDestroyed(destroy),
      )
      .subscribe({
        next: (f) => {
          feeds.set(f);
          error.set(null);
        },
        error: () => error.set('feed health unavailable'),
      });
    return { feeds, error, lastAlert };
  }
}
