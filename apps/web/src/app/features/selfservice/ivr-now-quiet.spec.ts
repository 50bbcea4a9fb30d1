import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import type { IvrEventPayload } from '@floorwatch/contracts';
import { SocketService } from '../../core/socket.service';
import { IvrNow } from './ivr-now';

describe('desk "In IVR now" never reads "—"', () => {
  const events = new Subject<IvrEventPayload>();
  beforeEach(() => TestBed.configureTestingModule({ providers: [{ provide: SocketService, useValue: { on: () => events } }] }));
  async function render() {
    const f = TestBed.createComponent(IvrNow);
    f.componentRef.setInput('siteId', 'man');
    await f.whenStable();
    return f;
  }
  const text = (f: { nativeElement: HTMLElement }) => f.nativeElement.querySelector('.val')?.textContent?.replace(/\s+/g, ' ').trim();

  it('before any IVR event: "0 · no IVR sessions yet"', async () => {
    expect(text(await render())).toBe('0 · no IVR sessions yet');
  });
  it('an event with 4 in the IVR, 2 to agents and no opt-out figure yet: "4 · 2 to agents" (no "opt-out —")', async () => {
    const f = await render();
    events.next({ siteId: 'man', ivrNow: 4, transfers: 2, ivrOptOutPct: null } as unknown as IvrEventPayload);
    await f.whenStable();
    expect(text(f)).toBe('4 · 2 to agents');
  });
  it('a site whose IVR reports after each call (ivrNow null), opt-out 12.5 %: "n/a · 0 to agents · opt-out 12.5 %"', async () => {
    const f = await render();
    events.next({ siteId: 'man', ivrNow: null, transfers: 0, ivrOptOutPct: 12.5 } as unknown as IvrEventPayload);
    await f.whenStable();
    expect(text(f)).toBe('n/a · 0 to agents · opt-out 12.5 %');
  });
});
