/**
 * Type guards for values whose type TypeScript cannot know (parsed forms, thrown values,
 * codes read back from storage), so that code narrows them instead of asserting a type.
 */

/** An object whose properties can be read by name (arrays included). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Whether `value` is one of `values` (e.g. `isOneOf(ROLES, input)`), narrowing it to their union. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return values.some((v) => v === value);
}
