import { Route } from '@angular/router';
import { AdminShell } from './admin-shell';

export const adminRoutes: Route[] = [
  {
    path: '',
    component: AdminShell,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'feeds' },
      { path: 'users', loadComponent: () => import('./users-page').then((m) => m.UsersPage) },
      { path: 'org', loadComponent: () => import('./org-page').then((m) => m.OrgPage) },
      { path: 'feeds', loadComponent: () => import('./feeds-page').then((m) => m.FeedsPage) },
      { path: 'quarantine', loadComponent: () => import('./quarantine-page').then((m) => m.QuarantinePage) },
    ],
  },
];
