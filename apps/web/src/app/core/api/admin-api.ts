import { HttpClient, httpResource, type HttpResourceRef } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import {
  API_PREFIX,
  type CreateUserRequest,
  type FeedFormat,
  type IngestSummary,
  type QuarantineItem,
  type UserView,
} from '@floorwatch/contracts';

/** Admin-only: users, feed ingest and the quarantine. */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  users(): HttpResourceRef<UserView[] | undefined> {
    return httpResource<UserView[]>(() => `${API_PREFIX}/admin/users`);
  }
  createUser(req: CreateUserRequest): Observable<UserView> {
    return this.http.post<UserView>(`${API_PREFIX}/admin/users`, req);
  }
  updateUser(username: string, patch: Partial<CreateUserRequest>): Observable<UserView> {
    return this.http.patch<UserView>(`${API_PREFIX}/admin/users/${encodeURIComponent(username)}`, patch);
  }
  /** Ends the user's tokens and live sockets at once; the API refuses the signed-in admin themself. */
  deleteUser(username: string): Observable<void> {
    return this.http.delete<void>(`${API_PREFIX}/admin/users/${encodeURIComponent(username)}`);
  }

  /** The file goes as the raw body so the API can stream it; the name tells the source. */
  ingest(format: FeedFormat, file: Blob, fileName: string): Observable<IngestSummary> {
    return this.http.post<IngestSummary>(`${API_PREFIX}/ingest/${format}`, file, {
      headers: { 'Content-Type': 'application/octet-stream', 'X-Source-Name': fileName },
      params: { source: fileName },
    });
  }

  /** Marks a quarantined line resolved (fixed and re-ingested, or not needed); it leaves the list. */
  resolveQuarantine(id: string): Observable<QuarantineItem> {
    return this.http.post<QuarantineItem>(`${API_PREFIX}/quarantine/${encodeURIComponent(id)}/resolve`, null);
  }

  quarantine(query: () => { source?: string; limit: number }): HttpResourceRef<QuarantineItem[] | undefined> {
    return httpResource<QuarantineItem[]>(() => {
      const q = query();
      const params: Record<string, string> = { limit: String(q.limit) };
      if (q.source) params['source'] = q.source;
      return { url: `${API_PREFIX}/quarantine`, params };
    });
  }
}
