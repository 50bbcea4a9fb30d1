import { provideEchartsCore } from 'ngx-echarts';

/** Tree-shaken echarts core, loaded lazily so the login screen does not pay for it. */
export function provideCharts() {
  return provideEchartsCore({ echarts: () => import('./echarts-lazy').then((m) => m.default) });
}
