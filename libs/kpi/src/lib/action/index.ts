export * from './alerts';
export * from './effect';
export * from './activity-effect';
export * from './activity-register';
export * from './forecast-accuracy';
export * from './gap-decomposition';
export * from './bonus';
