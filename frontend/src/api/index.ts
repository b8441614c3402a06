import type { components } from './schema';

/**
 * The API's types, generated from its OpenAPI document (`schema.ts`, `npm run api:types`). The
 * browser's record types are aliases of these, so a change on the server shows up here at compile
 * time instead of at run time.
 */
export type Schemas = components['schemas'];
export type { components, paths } from './schema';

/**
 * An enumeration's values for use at run time (choices, filters), checked against the generated
 * union both ways: a value the server does not send fails to compile, and so does a call that leaves
 * one of the server's values out (the error names it as the missing argument).
 *
 *   export const ROLES = enumValues<Role>()(['annotator', 'reviewer', 'admin', 'buyer']);
 */
export function enumValues<T extends string>() {
  return <const V extends readonly T[]>(
    values: V,
    ..._everyValue: [Exclude<T, V[number]>] extends [never] ? [] : [missing: Exclude<T, V[number]>]
  ): V => values;
}
