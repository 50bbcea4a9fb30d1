import { httpResource, type HttpResourceRef } from '@angular/common/http';
import { Injectable } from '@angular/core';
import { API_PREFIX, type Timeline } from '@floorwatch/contracts';

/** GET /timeline?agent&day — schedule against actual states for one agent and site-local day. */
@Injectable({ providedIn: 'root' })
export class TimelineApi {
  resource(query: () => { agent: string; day: string } | undefined): HttpResourceRef<Timeline | undefined> {
    return httpResource<Timeline>(() => {
      const q = query();
      return q ? { url: `${API_PREFIX}/timeline`, params: { ...q } } : undefined;
    });
  }
}
