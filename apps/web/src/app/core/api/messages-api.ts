import { HttpClient, httpResource, type HttpResourceRef } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { API_PREFIX, type Message, type SendMessageRequest } from '@floorwatch/contracts';

/** Messages, coaching notes and site alerts. */
@Injectable({ providedIn: 'root' })
export class MessagesApi {
  private readonly http = inject(HttpClient);

  resource(): HttpResourceRef<Message[] | undefined> {
    return httpResource<Message[]>(() => `${API_PREFIX}/messages`);
  }

  send(req: SendMessageRequest): Observable<Message> {
    return this.http.post<Message>(`${API_PREFIX}/messages`, req);
  }

  markRead(id: string): Observable<Message> {
    return this.http.post<Message>(`${API_PREFIX}/messages/${encodeURIComponent(id)}/read`, {});
  }
}
