import { sharedJestConfig } from '../jest.shared';

export default {
  ...sharedJestConfig,
  displayName: 'integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.integration.spec.ts'],
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testTimeout: 120_000,
};
