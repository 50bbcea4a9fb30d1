import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { detectFeedFormat } from './detect-feed-format';
import { FeedsPage } from './feeds-page';

describe('admin feeds: the format ingested is the format on screen', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<FeedsPage>;
  const el = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const select = () => el().querySelector('select') as HTMLSelectElement;
  const submit = () => el().querySelector('button[type=submit]') as HTMLButtonElement;
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const pickFile = async (name: string, body: string) => {
    const input = el().querySelector('input[type=file]') as HTMLInputElement;
    const file = new File([body], name);
    // Blob.text() is missing in jsdom: the page reads the head through it.
    Object.defineProperty(file, 'slice', { value: () => ({ text: () => Promise.resolve(body) }) });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await new Promise((r) => setTimeout(r, 0));
    await settle();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(FeedsPage);
    await settle();
  });
  afterEach(() => {
    // The feed-health table beside the upload form loads (and reloads) GET /feeds on its own.
    for (const r of http.match((req) => req.url === '/api/v1/feeds')) r.flush([]);
    http.verify();
  });

  it('assumes no format: the select says "Choose a format…" and Ingest is disabled until one is known', async () => {
    expect(select().selectedOptions[0].textContent?.trim()).toBe('Choose a format…');
    await pickFile('mystery.txt', 'hello world\n');
    expect(el().querySelector('.detected')?.textContent).toContain('could not be detected');
    expect(submit().disabled).toBe(true);
  });

  it('detects queue_log from the first line, selects it on screen, and posts to that same format', async () => {
    await pickFile('q.log', '1718010000|1718010000.1|sales|NONE|ENTERQUEUE||5550000|1\n');
    expect(select().value).toBe('queue_log');
    expect(select().selectedOptions[0].textContent?.trim()).toBe('queue_log');
    expect(el().querySelector('.detected')?.textContent).toContain('Detected from the file: queue_log');
    submit().click();
    await settle();
    const req = http.expectOne((r) => r.url === '/api/v1/ingest/queue_log');
    req.flush({ read: 1, accepted: 1, duplicates: 0, quarantined: 0, reasons: {} });
    await settle();
    expect(el().querySelector('.feed-history tbody tr')?.textContent).toContain('q.log');
  });

  it('a format picked by hand is the one posted (the select and the request agree)', async () => {
    await pickFile('x.csv', 'agent_id,start,end,activity\n');
    expect(select().value).toBe('wfm-schedule');
    select().value = 'org';
    select().dispatchEvent(new Event('change'));
    await settle();
    expect(el().querySelector('.detected')?.textContent).toContain('the format chosen is org');
    submit().click();
    await settle();
    http.expectOne((r) => r.url === '/api/v1/ingest/org').flush({ read: 0, accepted: 0, duplicates: 0, quarantined: 0, reasons: {} });
    await settle();
    // An org upload reloads the org.
    http.match('/api/v1/org').forEach((r) => r.flush({ sites: [], teams: [], agents: [], queues: [] }));
  });
});

describe('detectFeedFormat', () => {
  it.each([
    ['1718010000|1.1|q|Agent/1|CONNECT|3|x|1', 'queue_log'],
    ['agent_id,start,end,activity', 'wfm-schedule'],
    ['site_id,queue_id,interval_start,volume,aht_seconds', 'wfm-forecast'],
    ['customer_id,responded_at,main_channel,channel_chain,q1,q2,q3,q4,q5', 'survey'],
    ['{"sites":[],"teams":[],"agents":[]}', 'org'],
    ['{"ContactId":"c1","Channel":"VOICE"}', 'connect-ctr'],
    ['{"EventType":"STATE_CHANGE","CurrentAgentSnapshot":{}}', 'connect-agent-events'],
    ['{"contactId":"c","enqueuedAt":"2024-01-01T00:00:00Z"}', 'contacts-ndjson'],
    ['{"agentId":"a","at":"2024-01-01T00:00:00Z","state":"available"}', 'agent-states-ndjson'],
    ['what is this', null],
  ])('%s → %s', (head, expected) => {
    expect(detectFeedFormat(head)).toBe(expected);
  });
});
