import { DefaultNamingStrategy, type NamingStrategyInterface } from 'typeorm';

/** Entity properties are camelCase, columns snake_case (as in the hand-written migration). */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    const name = customName ?? toSnakeCase(propertyName);
    return prefixes.length ? `${prefixes.map(toSnakeCase).join('_')}_${name}` : name;
  }
}

export function toSnakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
