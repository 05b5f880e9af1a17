export default {
  displayName: 'ingest-formats',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': require('../../tools/jest/swc-transform.js') },
  // csv-parse ships its CommonJS build as .cjs files (package "exports").
  moduleFileExtensions: ['ts', 'js', 'cjs'],
};
