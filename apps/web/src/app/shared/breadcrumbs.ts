import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Crumb } from '../core/drill';

@Component({
  selector: 'app-breadcrumbs',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    ol { list-style: none; display: flex; flex-wrap: wrap; gap: var(--fw-space-1); margin: 0; padding: 0; font-size: var(--fw-text-sm); }
    li { display: inline-flex; align-items: center; gap: var(--fw-space-1); color: var(--fw-text-muted); }
    li + li::before { content: '›'; color: var(--fw-text-faint); margin-right: var(--fw-space-1); }
    [aria-current] { color: var(--fw-text); font-weight: 600; }
  `,
  template: `
    @if (crumbs().length > 1) {
    <nav aria-label="Drill-down path">
      <ol>
        @for (c of crumbs(); track $index) {
          <li>
            @if (c.current) {
              <span aria-current="page">{{ c.label }}</span>
            } @else {
              <a [routerLink]="route()" [queryParams]="c.queryParams">{{ c.label }}</a>
            }
          </li>
        }
      </ol>
    </nav>
    }
  `,
})
export class Breadcrumbs {
  readonly crumbs = input<readonly Crumb[]>([]);
  /** Route the crumbs link to (the drill views share query-param state). */
  readonly route = input<string>('.');
}
