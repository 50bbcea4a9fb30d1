const { nodeProject } = require('../../jest.node-preset.cjs');

module.exports = nodeProject('bench', 'tools/bench');
