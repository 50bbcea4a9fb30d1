import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API_PREFIX, type LoginResponse, type Me, type Role } from '@floorwatch/contracts';

const TOKEN_KEY = 'floorwatch.token';
const ROLE_KEY = 'floorwatch.role';

/** Where each role lands after login. */
export const ROLE_HOME: Record<Role, string> = {
  agent: '/agent',
  team_leader: '/team',
  manager: '/manager',
  control_desk: '/desk',
  admin: '/admin',
};
export const ROLE_LABEL: Record<Role, string> = {
  agent: 'Agent',
  team_leader: 'Team leader',
  manager: 'Manager',
  control_desk: 'Control desk',
  admin: 'Admin',
};

/** Order in which a multi-role user's default home is picked: the most operational first. */
const ROLE_PRIORITY: Role[] = ['control_desk', 'manager', 'team_leader', 'agent', 'admin'];

@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly tokenSig = signal<string | null>(readStorage(TOKEN_KEY));
  private readonly meSig = signal<Me | null>(null);
  private readonly roleSig = signal<Role | null>(readStorage(ROLE_KEY) as Role | null);
  private mePromise: Promise<Me | null> | null = null;

  readonly token = this.tokenSig.asReadonly();
  readonly me = this.meSig.asReadonly();
  readonly isLoggedIn = computed(() => this.tokenSig() !== null);
  /** The role whose views are in front; only a choice when the user has several roles. */
  readonly activeRole = computed<Role | null>(() => {
    const me = this.meSig();
    if (!me) return null;
    const chosen = this.roleSig();
    return chosen && me.roles.includes(chosen) ? chosen : defaultRole(me.roles);
  });

  async login(username: string, password: string): Promise<Me> {
    const res = await firstValueFrom(
      this.http.post<LoginResponse>(`${API_PREFIX}/auth/login`, { username, password }),
    );
    this.setToken(res.accessToken);
    this.mePromise = null;
    const me = await this.loadMe();
    if (!me) throw new Error('Signed in, but the server did not return your profile');
    return me;
  }

  /**
   * PATCH /me/password: the server answers a fresh token (every older one, this one included,
   * is refused from then on) and clears a forced change.
   */
  async changePassword(currentPassword: string, newPassword: string): Promise<Me> {
    const res = await firstValueFrom(this.http.patch<LoginResponse>(`${API_PREFIX}/me/password`, { currentPassword, newPassword }));
    this.setToken(res.accessToken);
    this.meSig.set(null);
    this.mePromise = null;
    const me = await this.loadMe();
    if (!me) throw new Error('Password changed, but the server did not return your profile');
    return me;
  }

  /** Sign out on the server too (POST auth/logout ends every token of the user), then locally. */
  async signOut(): Promise<void> {
    if (this.tokenSig()) await firstValueFrom(this.http.post(`${API_PREFIX}/auth/logout`, null)).catch(() => undefined);
    this.logout();
  }

  /** Loads GET /me once per token; null when there is no token or it was refused. */
  loadMe(): Promise<Me | null> {
    if (!this.tokenSig()) return Promise.resolve(null);
    if (this.meSig()) return Promise.resolve(this.meSig());
    this.mePromise ??= firstValueFrom(this.http.get<Me>(`${API_PREFIX}/me`))
      .then((me) => {
        this.meSig.set(me);
        return me;
      })
      .catch(() => {
        this.logout();
        return null;
      });
    return this.mePromise;
  }

  chooseRole(role: Role): void {
    this.roleSig.set(role);
    writeStorage(ROLE_KEY, role);
  }

  homeFor(me: Me | null = this.meSig()): string {
    if (!me) return '/login';
    const role = this.activeRole() ?? defaultRole(me.roles);
    return role ? ROLE_HOME[role] : '/login';
  }

  logout(): void {
    this.setToken(null);
    this.meSig.set(null);
    this.mePromise = null;
  }

  private setToken(token: string | null): void {
    this.tokenSig.set(token);
    writeStorage(TOKEN_KEY, token);
  }
}

export function defaultRole(roles: readonly Role[]): Role | null {
  return ROLE_PRIORITY.find((r) => roles.includes(r)) ?? null;
}

function readStorage(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}
function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    // Private mode or blocked storage: the session simply does not survive a reload.
  }
}
