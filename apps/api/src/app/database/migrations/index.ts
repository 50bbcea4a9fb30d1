import { Initial1795618780766 } from './1795618780766-initial';

/** Explicit, ordered list (no globs: the runner loads TypeScript sources directly). Append new ones. */
export const MIGRATIONS = [Initial1795618780766];
export { TABLES_IN_DROP_ORDER } from './1795618780766-initial';
