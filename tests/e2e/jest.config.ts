import { sharedJestConfig } from '../jest.shared';

export default {
  ...sharedJestConfig,
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e.spec.ts'],
  globalSetup: '<rootDir>/../integration/support/global-setup.ts',
  globalTeardown: '<rootDir>/../integration/support/global-teardown.ts',
  testTimeout: 180_000,
};
