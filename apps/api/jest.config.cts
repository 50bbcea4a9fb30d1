/* Node projects compile with SWC: fast, and it emits the decorator metadata NestJS needs. */
module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[cm]?[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
      },
    ],
  },
  // NestJS 12 ships ESM only; Jest's CommonJS runtime needs it transformed like our sources.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uid|load-esm|file-type|strtok3|token-types|@tokenizer|peek-readable)/)'],
  // Each integration test file starts its own PGlite (~2-5 s on a busy 2-core box).
  testTimeout: 30_000,
  moduleFileExtensions: ['ts', 'js', 'json'],
  coverageDirectory: '../../coverage/apps/api',
};
