const { nodeProject } = require('../../jest.node-preset.cjs');

module.exports = nodeProject('simulator', 'tools/simulator');
