/** The KPI words and units live in libs/contracts so the API's CSV headers read as the screens do. */
export { KPI_DISPLAY, kpiDisplay, type KpiDisplay, type KpiUnit } from '@floorwatch/contracts';
