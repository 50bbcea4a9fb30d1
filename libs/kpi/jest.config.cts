const { nodeProject } = require('../../jest.node-preset.cjs');

module.exports = nodeProject('kpi', 'libs/kpi');
