const { nodeProject } = require('../../jest.node-preset.cjs');

module.exports = nodeProject('feeds', 'libs/feeds');
