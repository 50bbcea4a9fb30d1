import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { QuarantineItem } from '@floorwatch/contracts';
import { QuarantinePage } from './quarantine-page';

const BAD: QuarantineItem = { id: '7d1c1f7e-7a57-4f5e-9a43-2f4b7f0c9a11', source: 'q.log', format: 'queue_log', lineNumber: 3, raw: 'not a line', reason: 'bad-line', createdAt: '2024-06-10T09:00:00.000Z' };
const OPEN_CALL: QuarantineItem = { id: 'incomplete:x1', source: 'q.log', format: 'queue_log', lineNumber: 2, raw: '1718010010|x1|sales|NONE|ENTERQUEUE||5550000|1', reason: 'incomplete', createdAt: '2024-06-10T09:00:10.000Z' };

describe('admin quarantine page: mark a line resolved', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<QuarantinePage>;
  const el = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const rows = () => Array.from(el().querySelectorAll('tbody tr'));
  /** Renders and waits for what is not an HTTP call (a pending request keeps the app unstable). */
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const render = () => {
    TestBed.tick();
    fixture.detectChanges();
  };
  const flushList = async (items: QuarantineItem[]) => {
    http.expectOne((r) => r.url === '/api/v1/quarantine' && r.params.get('limit') === '200').flush(items);
    await settle();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(QuarantinePage);
    render();
  });
  afterEach(() => http.verify());

  it('offers "Mark resolved" on stored lines only, posts it, and reloads the list without the line', async () => {
    await flushList([BAD, OPEN_CALL]);
    expect(rows().map((r) => r.querySelector('button')?.textContent?.trim() ?? null)).toEqual(['Mark resolved', null]);

    (rows()[0].querySelector('button') as HTMLButtonElement).click();
    render();
    const post = http.expectOne(`/api/v1/quarantine/${BAD.id}/resolve`);
    expect(post.request.method).toBe('POST');
    expect((rows()[0].querySelector('button') as HTMLButtonElement).disabled).toBe(true);
    post.flush({ ...BAD, resolvedAt: '2024-06-11T08:00:00.000Z' });
    render();
    await flushList([OPEN_CALL]);
    expect(rows().map((r) => r.querySelector('code')?.textContent)).toEqual([OPEN_CALL.raw]);
  });

  it('says why when the server refuses, and keeps the line', async () => {
    await flushList([BAD]);
    (rows()[0].querySelector('button') as HTMLButtonElement).click();
    render();
    http.expectOne(`/api/v1/quarantine/${BAD.id}/resolve`).flush({ statusCode: 404, message: `no quarantined line ${BAD.id}` }, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(el().querySelector('[role=alert]')?.textContent).toContain('Could not mark it resolved');
    expect(rows()).toHaveLength(1);
    expect((rows()[0].querySelector('button') as HTMLButtonElement).disabled).toBe(false);
  });
});
