/**
 * Small composable checks for JSON that arrives as `unknown`. A check returns
 * undefined when the value fits, or a description of the first misfit with
 * its path, so an error can say exactly what the collector sent.
 */
export interface Check<T> {
  (value: unknown, at: string): string | undefined;
  /** Phantom marker tying the check to the type it proves. */
  readonly __type?: T;
}

function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'an array' : typeof value;
}

function misfit(at: string, expected: string, value: unknown): string {
  return `${at} should be ${expected} but is ${describe(value)}`;
}

export const str: Check<string> = (value, at) =>
  typeof value === 'string' ? undefined : misfit(at, 'a string', value);

export const num: Check<number> = (value, at) =>
  typeof value === 'number' && Number.isFinite(value) ? undefined : misfit(at, 'a number', value);

export const bool: Check<boolean> = (value, at) =>
  typeof value === 'boolean' ? undefined : misfit(at, 'a boolean', value);

export const anything: Check<unknown> = () => undefined;

export function oneOf<T extends string>(values: readonly T[]): Check<T> {
  return (value, at) =>
    typeof value === 'string' && (values as readonly string[]).includes(value)
      ? undefined
      : `${at} should be one of ${values.join(', ')} but is ${JSON.stringify(value)}`;
}

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, at) => (value === null ? undefined : check(value, at));
}

export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (value, at) => (value === undefined ? undefined : check(value, at));
}

export function either<A, B>(first: Check<A>, second: Check<B>): Check<A | B> {
  return (value, at) => (first(value, at) === undefined ? undefined : second(value, at));
}

export function arrayOf<T>(check: Check<T>): Check<T[]> {
  return (value, at) => {
    if (!Array.isArray(value)) {
      return misfit(at, 'an array', value);
    }
    for (const [index, item] of value.entries()) {
      const problem = check(item, `${at}[${index}]`);
      if (problem !== undefined) {
        return problem;
      }
    }
    return undefined;
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function recordOf<T>(check: Check<T>): Check<Record<string, T>> {
  return (value, at) => {
    if (!isRecord(value)) {
      return misfit(at, 'an object', value);
    }
    for (const [key, item] of Object.entries(value)) {
      const problem = check(item, `${at}.${key}`);
      if (problem !== undefined) {
        return problem;
      }
    }
    return undefined;
  };
}

type Fields<T> = { [K in keyof T]-?: Check<T[K]> };

/** Checks an object field by field; fields it does not name are allowed. */
export function shape<T>(fields: Fields<T>): Check<T> {
  return (value, at) => {
    if (!isRecord(value)) {
      return misfit(at, 'an object', value);
    }
    for (const [key, check] of Object.entries(fields) as Array<[string, Check<unknown>]>) {
      const problem = check(value[key], `${at}.${key}`);
      if (problem !== undefined) {
        return problem;
      }
    }
    return undefined;
  };
}

/** Type guard form of a check, for callers that only need yes or no. */
export function fits<T>(check: Check<T>, value: unknown): value is T {
  return check(value, '$') === undefined;
}
