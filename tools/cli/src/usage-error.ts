/** Bad usage or unreadable input: exit 2. Its own file so that building the command tree loads nothing heavy. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
