export * from './attribution';
export * from './survey-scope';
export * from './survey-kpis';
export * from './drivers';
export * from './hotline';
