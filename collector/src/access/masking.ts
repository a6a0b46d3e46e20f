/** What a masked value is replaced by. */
export const MASK = '***';

/** One step of a field path. */
export type PathStep =
  | { readonly kind: 'child'; readonly key: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'deep'; readonly key: string };

type Container = Record<string, unknown>;

// $..name, $.*, $.name, $[*], $[0], $['name'], each anchored where the last ended.
const STEP = /\.\.([^.[\]*]+)|\.\*|\.([^.[\]*]+)|\[\*\]|\[(\d+)\]|\['([^']+)'\]/y;

const compiled = new Map<string, readonly PathStep[]>();

/**
 * Parses a field path of the catalog's `sensitiveFields`: `$.a.b`,
 * `$.a[*].b`, `$.a.*`, `$.a[0]` or `$..name` (at any depth). Throws an
 * error quoting the path when it is not one of these forms.
 */
export function parseFieldPath(path: string): readonly PathStep[] {
  const known = compiled.get(path);
  if (known) return known;

  if (!path.startsWith('$')) throw badPath(path, 0);
  const steps: PathStep[] = [];
  STEP.lastIndex = 1;
  while (STEP.lastIndex < path.length) {
    const at = STEP.lastIndex;
    const match = STEP.exec(path);
    if (match === null) throw badPath(path, at);
    steps.push(stepOf(match));
  }
  compiled.set(path, steps);
  return steps;
}

function stepOf(match: RegExpExecArray): PathStep {
  const [, deep, child, index, quoted] = match;
  if (deep !== undefined) return { kind: 'deep', key: deep };
  const key = child ?? index ?? quoted;
  return key === undefined ? { kind: 'any' } : { kind: 'child', key };
}

function badPath(path: string, at: number): Error {
  return new Error(`field path ${JSON.stringify(path)} is not understood at character ${at};` +
    ' write it as $.a.b, $.a[*].b, $.a.* or $..name');
}

/**
 * Returns a deep copy of `payload` in which every value a path matches is
 * replaced by `***`, keeping its key; a matched object or list is masked
 * whole. The input is never changed: replay must send the original, so
 * masking is only for what the API answers and what the log writes.
 */
export function maskPayload(payload: unknown, paths: readonly string[]): unknown {
  const holder: Container = { payload: structuredClone(payload) };
  for (const path of paths) visit(holder, 'payload', parseFieldPath(path), 0);
  return holder.payload;
}

function visit(parent: Container, key: string, steps: readonly PathStep[], at: number): void {
  const step = steps[at];
  if (step === undefined) {
    parent[key] = MASK;
    return;
  }
  const node = parent[key];
  if (!isContainer(node)) return;

  if (step.kind === 'child') {
    if (Object.hasOwn(node, step.key)) visit(node, step.key, steps, at + 1);
  } else if (step.kind === 'any') {
    for (const child of Object.keys(node)) visit(node, child, steps, at + 1);
  } else {
    visitDeep(node, step.key, steps, at + 1);
  }
}

// Matches the key in this container and in every container below it.
function visitDeep(node: Container, key: string, steps: readonly PathStep[], next: number): void {
  if (Object.hasOwn(node, key)) visit(node, key, steps, next);
  for (const child of Object.values(node)) {
    if (isContainer(child)) visitDeep(child, key, steps, next);
  }
}

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}
