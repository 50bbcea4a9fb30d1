/**
 * Jest settings of every Node project (libs, api, tools). Sources compile with SWC: fast, and it
 * emits the decorator metadata NestJS needs. NestJS 12 ships ESM only, so it and its ESM-only
 * dependencies are transformed like our sources for Jest's CommonJS runtime.
 */
const nxPreset = require('@nx/jest/preset').default;

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
  },
];

/** The config of the Node project named `name` at `root` (relative to the workspace). */
function nodeProject(name, root) {
  return {
    ...nxPreset,
    displayName: name,
    testEnvironment: 'node',
    transform: { '^.+\\.[cm]?[tj]s$': swc },
    transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uid|load-esm|file-type|strtok3|token-types|@tokenizer|peek-readable)/)'],
    moduleFileExtensions: ['ts', 'js', 'json'],
    coverageDirectory: `<rootDir>/${root.replace(/[^/]+/g, '..')}/coverage/${root}`,
  };
}

module.exports = { nodeProject };
