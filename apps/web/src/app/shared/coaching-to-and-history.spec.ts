import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Message } from '@floorwatch/contracts';
import { MessagesList } from './messages-list';
import { SendMessageForm } from './send-message-form';

const msg = (id: string, toScope: string, subject: string): Message =>
  ({ id, toScope, subject, kind: 'coaching', body: 'b', from: 'lead', createdAt: `2026-12-0${id}T10:00:00.000Z`, readAt: null }) as unknown as Message;

describe('coaching from an agent page', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] }));

  it('"To" shows the agent in view, not the first of the team (the select is bound per option)', async () => {
    const fixture = TestBed.createComponent(SendMessageForm);
    fixture.componentRef.setInput('recipients', [
      { scope: 'agent:lon-a001', label: 'Ana' },
      { scope: 'agent:lon-a003', label: 'Ben' },
    ]);
    fixture.componentRef.setInput('preselect', 'agent:lon-a003');
    await fixture.whenStable();
    const select = (fixture.nativeElement as HTMLElement).querySelector('select[name=to]') as HTMLSelectElement;
    expect(select.value).toBe('agent:lon-a003');
    expect(select.selectedOptions[0].textContent).toBe('Ben');
  });

  it('the agent page opened by a lead lists that agent\'s coaching history, not the lead\'s inbox', async () => {
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(MessagesList);
    fixture.componentRef.setInput('toScope', 'agent:lon-a003');
    TestBed.tick();
    http.expectOne('/api/v1/messages').flush([msg('1', 'agent:lon-a003', 'Lunch returns'), msg('2', 'team:lon-t01', 'Team huddle'), msg('3', 'agent:lon-a001', 'Other agent')]);
    await new Promise((r) => setTimeout(r, 0));
    TestBed.tick();
    fixture.detectChanges();
    const subjects = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('.subject')).map((e) => e.textContent);
    expect(subjects).toEqual(['Lunch returns']);
    // Someone else's message: no "Mark read" for the lead.
    expect((fixture.nativeElement as HTMLElement).querySelector('button')).toBeNull();
  });
});
