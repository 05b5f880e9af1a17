export default {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': require('../../tools/jest/swc-transform.js') },
  moduleFileExtensions: ['ts', 'js'],
  // openid-client ships only ES modules: compile it (and its dependencies) to CommonJS like our own files.
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose)/)'],
};
