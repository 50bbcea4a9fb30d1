export type ScopeKind = 'enterprise' | 'site' | 'team' | 'agent' | 'queue';

export type Scope =
  | { kind: 'enterprise' }
  | { kind: 'site'; id: string }
  | { kind: 'team'; id: string }
  | { kind: 'agent'; id: string }
  | { kind: 'queue'; id: string };

const SCOPE_KINDS: readonly ScopeKind[] = ['enterprise', 'site', 'team', 'agent', 'queue'];

/** Parses `enterprise` or `<kind>:<id>`; returns an error string for anything else. */
export function parseScope(text: string): Scope | { error: string } {
  if (text === 'enterprise') return { kind: 'enterprise' };
  const colon = text.indexOf(':');
  if (colon < 1) return { error: `scope must be enterprise or site:|team:|agent:|queue:<id>, got "${text}"` };
  const kind = text.slice(0, colon) as ScopeKind;
  const id = text.slice(colon + 1);
  if (!SCOPE_KINDS.includes(kind) || kind === 'enterprise') {
    return { error: `unknown scope kind "${kind}"` };
  }
  if (id.length === 0) return { error: `scope ${kind}: needs an id` };
  return { kind, id } as Scope;
}

export function formatScope(scope: Scope): string {
  return scope.kind === 'enterprise' ? 'enterprise' : `${scope.kind}:${scope.id}`;
}

export function isScopeError(s: Scope | { error: string }): s is { error: string } {
  return 'error' in s;
}
