// Runs TypeScript sources directly (CLI, simulator, bench, `npm start`): SWC compiles on load,
// emitting the decorator metadata NestJS needs, and the workspace path aliases resolve here.
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || require('path').join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
