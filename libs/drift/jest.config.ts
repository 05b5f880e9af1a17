export default {
  displayName: 'drift',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': require('../../tools/jest/swc-transform.js') },
  moduleFileExtensions: ['ts', 'js'],
};
