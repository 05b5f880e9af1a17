import { pathsToModuleNameMapper } from 'ts-jest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const base = JSON.parse(readFileSync(join(__dirname, '..', 'tsconfig.base.json'), 'utf8'));

/** Jest settings shared by the integration and browser suites (SWC transform, tsconfig path aliases). */
export const sharedJestConfig = {
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': require('../tools/jest/swc-transform.js') },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(base.compilerOptions.paths, { prefix: '<rootDir>/../../' }),
};
