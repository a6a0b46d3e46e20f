/**
 * Binds `@name` placeholders to PostgreSQL's `$n`, so that the statements
 * shared in spirit with SQLite read the same and take the same parameter
 * objects. A name used twice is bound once.
 */
export function named(sql: string, params: Record<string, unknown>): [string, unknown[]] {
  const values: unknown[] = [];
  const index = new Map<string, number>();
  const text = sql.replace(/@([A-Za-z]\w*)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for SQL parameter @${name}`);
    let n = index.get(name);
    if (n === undefined) {
      values.push(params[name] ?? null);
      n = values.length;
      index.set(name, n);
    }
    return `$${n}`;
  });
  return [text, values];
}
