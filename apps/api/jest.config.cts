const { nodeProject } = require('../../jest.node-preset.cjs');

module.exports = {
  ...nodeProject('api', 'apps/api'),
  // Each integration test file starts its own PGlite (~2-5 s on a busy 2-core box).
  testTimeout: 30_000,
};
