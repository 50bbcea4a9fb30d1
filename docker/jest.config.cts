const { nodeProject } = require('../jest.node-preset.cjs');

module.exports = nodeProject('docker', 'docker');
