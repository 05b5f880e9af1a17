export * from './lib/auth.contracts';
export * from './lib/providers.contracts';
export * from './lib/health.contracts';
