export * from './lib/prng';
export * from './lib/calendar';
export * from './lib/series.builder';
export * from './lib/qa-population.builder';
