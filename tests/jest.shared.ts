import { pathsToModuleNameMapper } from 'ts-jest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const base = JSON.parse(readFileSync(join(__dirname, '..', 'tsconfig.base.json'), 'utf8'));

/** Jest settings shared by the integration and browser suites (SWC transform, tsconfig path aliases). */
export const sharedJestConfig = {
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': require('../tools/jest/swc-transform.js') },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // openid-client (single sign-on) and the oidc-provider used to test it ship only ES modules: compile them to
  // CommonJS like our own files (Jest's module loader cannot require ES modules).
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose|oidc-provider)/)'],
  moduleNameMapper: pathsToModuleNameMapper(base.compilerOptions.paths, { prefix: '<rootDir>/../../' }),
};
