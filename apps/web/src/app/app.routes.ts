import { Route } from '@angular/router';
import type { Role } from '@floorwatch/contracts';
import { authGuard, homeRedirectGuard, roleGuard } from './core/auth.guard';
import { prefetchAgentSummary } from './features/agent/agent-view';

const AGENT_PAGE: Role[] = ['agent', 'team_leader', 'manager'];

export const appRoutes: Route[] = [
  { path: 'login', loadComponent: () => import('./features/login/login-page').then((m) => m.LoginPage), title: 'Sign in · Floorwatch' },
  {
    path: 'agent',
    canActivate: [roleGuard(...AGENT_PAGE), prefetchAgentSummary(AGENT_PAGE)],
    loadComponent: () => import('./features/agent/agent-page').then((m) => m.AgentPage),
    title: 'My performance · Floorwatch',
  },
  {
    path: 'team',
    canActivate: [roleGuard('team_leader', 'manager')],
    loadComponent: () => import('./features/team-leader/team-page').then((m) => m.TeamPage),
    title: 'Team · Floorwatch',
  },
  {
    path: 'manager',
    canActivate: [roleGuard('manager')],
    loadComponent: () => import('./features/manager/manager-page').then((m) => m.ManagerPage),
    title: 'Performance · Floorwatch',
  },
  {
    path: 'training',
    canActivate: [roleGuard('manager', 'team_leader', 'control_desk', 'admin')],
    loadComponent: () => import('./features/training/training-page').then((m) => m.TrainingPage),
    title: 'Training effectiveness · Floorwatch',
  },
  {
    path: 'desk/wallboard',
    canActivate: [roleGuard('control_desk', 'manager')],
    loadComponent: () => import('./features/control-desk/wallboard-page').then((m) => m.WallboardPage),
    title: 'Wallboard · Floorwatch',
  },
  {
    path: 'desk',
    canActivate: [roleGuard('control_desk', 'manager')],
    loadComponent: () => import('./features/control-desk/desk-page').then((m) => m.DeskPage),
    title: 'Control desk · Floorwatch',
  },
  {
    path: 'admin',
    canActivate: [roleGuard('admin')],
    loadChildren: () => import('./features/admin/admin.routes').then((m) => m.adminRoutes),
    title: 'Admin · Floorwatch',
  },
  { path: '', pathMatch: 'full', canActivate: [homeRedirectGuard], children: [] },
  { path: '**', canActivate: [authGuard, homeRedirectGuard], children: [] },
];
