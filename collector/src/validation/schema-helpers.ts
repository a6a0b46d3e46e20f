import { Type, type TSchema, type TUnsafe } from 'typebox';

/** A string that must be one of a fixed set, as a plain JSON schema enum. */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string; default?: T[number] } = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** Catalog identifiers: lowercase, stable, safe as Prometheus label values. */
export const Id = Type.String({
  pattern: '^[a-z0-9][a-z0-9._-]{0,62}$',
  description: 'lowercase letters, digits, dot, dash or underscore; at most 63',
});

/** A non-empty human-readable text. */
export const Text = Type.String({ minLength: 1, maxLength: 200 });

export type { TSchema };
