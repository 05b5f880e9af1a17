export default {
  displayName: 'ingest-formats',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': require('../../tools/jest/swc-transform.js') },
  moduleFileExtensions: ['ts', 'js'],
};
