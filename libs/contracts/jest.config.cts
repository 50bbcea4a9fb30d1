const { nodeProject } = require('../../jest.node-preset.cjs');

module.exports = nodeProject('contracts', 'libs/contracts');
