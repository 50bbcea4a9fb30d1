const { nodeProject } = require('../../jest.node-preset.cjs');

module.exports = nodeProject('cli', 'tools/cli');
