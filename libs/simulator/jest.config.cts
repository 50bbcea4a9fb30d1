const { nodeProject } = require('../../jest.node-preset.cjs');

module.exports = nodeProject('simulator', 'libs/simulator');
