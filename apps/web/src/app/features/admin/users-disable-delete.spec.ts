import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Me, UserView } from '@floorwatch/contracts';
import { AuthService } from '../../core/auth.service';
import { UsersPage } from './users-page';

const ADMIN: UserView = { username: 'admin', roles: ['admin'], agentId: null, teamIds: [], siteIds: [] };
const ANNA: UserView = { username: 'anna', roles: ['agent'], agentId: 'a1', teamIds: [], siteIds: [] };
const TL: UserView = { username: 'tl', roles: ['team_leader'], agentId: null, teamIds: ['t1'], siteIds: [], disabled: true };

describe('admin users page: disable, enable and delete a user', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<UsersPage>;
  const el = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const row = (username: string): HTMLTableRowElement =>
    Array.from(el().querySelectorAll<HTMLTableRowElement>('tbody tr')).find((r) => r.cells[0].textContent?.trim() === username) as HTMLTableRowElement;
  const buttons = (username: string): string[] => Array.from(row(username).querySelectorAll('button')).map((b) => b.textContent?.trim() ?? '');
  const click = (username: string, text: string): void => {
    (Array.from(row(username).querySelectorAll('button')).find((b) => b.textContent?.trim() === text) as HTMLButtonElement).click();
    render();
  };
  const status = (username: string): string => row(username).cells[5].textContent?.trim() ?? '';
  const render = () => {
    TestBed.tick();
    fixture.detectChanges();
  };
  const flushList = async (users: UserView[]) => {
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/v1/admin/users').flush(users);
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };

  beforeEach(async () => {
    const me = signal<Me | null>({ username: 'admin', roles: ['admin'] } as Me);
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), { provide: AuthService, useValue: { me } }] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(UsersPage);
    render();
    await flushList([ADMIN, ANNA, TL]);
  });
  afterEach(() => http.verify());

  it('the signed-in admin’s own row offers neither (the API refuses both); others offer Disable or Enable, and Delete', () => {
    expect(buttons('admin')).toEqual([]);
    expect(row('admin').cells[6].textContent?.trim()).toBe('you');
    expect(buttons('anna')).toEqual(['Disable', 'Delete']);
    expect(buttons('tl')).toEqual(['Enable', 'Delete']);
    expect([status('anna'), status('tl')]).toEqual(['Active', 'Disabled']);
  });

  it('Disable sends PATCH disabled: true and the row shows what the list read afterwards holds', async () => {
    click('anna', 'Disable');
    const patch = http.expectOne('/api/v1/admin/users/anna');
    expect([patch.request.method, patch.request.body]).toEqual(['PATCH', { disabled: true }]);
    expect(row('anna').querySelectorAll('button')[0].disabled).toBe(true); // one action at a time
    patch.flush({ ...ANNA, disabled: true });
    render();
    await flushList([ADMIN, { ...ANNA, disabled: true }, TL]);
    expect([status('anna'), buttons('anna')]).toEqual(['Disabled', ['Enable', 'Delete']]);
  });

  it('Enable sends PATCH disabled: false', () => {
    click('tl', 'Enable');
    const patch = http.expectOne('/api/v1/admin/users/tl');
    expect([patch.request.method, patch.request.body]).toEqual(['PATCH', { disabled: false }]);
    patch.flush({ ...TL, disabled: false });
    render();
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/v1/admin/users').flush([ADMIN, ANNA, { ...TL, disabled: false }]);
  });

  it('Delete asks first: Cancel sends nothing; "Yes, delete" sends DELETE and the row leaves the list', async () => {
    click('anna', 'Delete');
    expect(row('anna').textContent).toContain('Delete anna? Their sign-ins end at once; this cannot be undone.');
    expect(buttons('anna')).toEqual(['Yes, delete', 'Cancel']);
    click('anna', 'Cancel');
    http.expectNone('/api/v1/admin/users/anna');
    expect(buttons('anna')).toEqual(['Disable', 'Delete']);

    click('anna', 'Delete');
    click('anna', 'Yes, delete');
    const del = http.expectOne('/api/v1/admin/users/anna');
    expect(del.request.method).toBe('DELETE');
    del.flush(null, { status: 204, statusText: 'No Content' });
    render();
    await flushList([ADMIN, TL]);
    expect(Array.from(el().querySelectorAll<HTMLTableRowElement>('tbody tr')).map((r) => r.cells[0].textContent?.trim())).toEqual(['admin', 'tl']);
  });

  it('a refusal is said in words and the row stays as it was', async () => {
    click('tl', 'Delete');
    click('tl', 'Yes, delete');
    http.expectOne('/api/v1/admin/users/tl').flush({ statusCode: 404, message: 'no user tl' }, { status: 404, statusText: 'Not Found' });
    render();
    expect(el().querySelector('p[role=alert]')?.textContent).toContain('Could not delete tl');
    expect(buttons('tl')).toEqual(['Enable', 'Delete']);
  });
});
