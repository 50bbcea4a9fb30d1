import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import type { ChartOption } from './chart-options';

/** A sized echarts canvas; the accessible summary is given by the caller (charts are not read out). */
@Component({
  selector: 'app-chart',
  imports: [NgxEchartsDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `:host { display: block; } div { width: 100%; } :host(.fill), :host(.fill) div { height: 100%; }`,
  host: { '[class.fill]': 'height() === null' },
  template: `<div echarts [options]="options()" [style.height.px]="height() ?? undefined" role="img" [attr.aria-label]="summary()"
    (chartClick)="onClick($event)"></div>`,
})
export class Chart {
  readonly options = input.required<ChartOption>();
  /** Pixels; null = fill the host, whose size the caller sets (echarts follows it on resize). */
  readonly height = input<number | null>(260);
  readonly summary = input('Chart');
  /** Index of the clicked category (bar or point). */
  readonly picked = output<number>();

  protected onClick(e: { dataIndex?: number }): void {
    if (typeof e.dataIndex === 'number') this.picked.emit(e.dataIndex);
  }
}
