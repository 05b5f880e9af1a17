export * from './lib/kpi-definition';
export * from './lib/kpi-catalog';
export * from './lib/kpi-value';
export * from './lib/service-lines';
