import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import type { Me, Role } from '@floorwatch/contracts';
import { OrgApi } from './api/org-api';
import { AuthService } from './auth.service';

/** Signed in with a profile, else to /login keeping where the user was going. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const me = await auth.loadMe();
  if (me?.mustChangePassword) return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
  if (me) return true;
  return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** Only users holding one of `roles` (admin sees everything); others go to their own home. */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return async (route, state) => {
    const auth = inject(AuthService);
    const router = inject(Router);
    const orgApi = inject(OrgApi);
    if (auth.isLoggedIn()) {
      // First-render path: the router fetches a page's code only after its guards, and every
      // page needs /org (names, time zones). Started here they load alongside /me instead of
      // after it; the server still scopes /org, and a refused token logs out as before.
      void orgApi.load();
      void Promise.resolve(route.routeConfig?.loadComponent?.()).catch(() => undefined);
    }
    const me = await auth.loadMe();
    // A forced password change first: the login page asks for the new one.
    if (!me || me.mustChangePassword) return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
    if (mayOpen(me, roles)) return true;
    return router.parseUrl(auth.homeFor(me));
  };
}

/** A page for `roles` is open to them and to admin (who sees everything). */
export function mayOpen(me: Me, roles: readonly Role[]): boolean {
  return me.roles.some((r) => r === 'admin' || roles.includes(r));
}

/** `/` lands on the home of the user's role. */
export const homeRedirectGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const me = await auth.loadMe();
  return router.parseUrl(me && !me.mustChangePassword ? auth.homeFor(me) : '/login');
};
