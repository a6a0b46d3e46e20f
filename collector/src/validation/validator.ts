import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { TSchema } from 'typebox';

// ajv-formats ships CommonJS; under NodeNext its default export is nested.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** One fault in an input document, located by JSON pointer. */
export interface Problem {
  path: string;
  value: unknown;
  expected: string;
  message: string;
}

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
addFormats(ajv);

/** A compiled schema that reports every problem of a document. */
export class SchemaValidator<T> {
  private readonly check: ValidateFunction;

  constructor(schema: TSchema) {
    this.check = ajv.compile(schema);
  }

  /** Returns the problems of `doc`, or none when it matches the schema. */
  problems(doc: unknown): Problem[] {
    if (this.check(doc)) return [];
    return (this.check.errors ?? []).map((e) => toProblem(e, doc));
  }

  matches(doc: unknown): doc is T {
    return this.check(doc) === true;
  }
}

function toProblem(error: ErrorObject, doc: unknown): Problem {
  const path = problemPath(error);
  const expected = describeExpectation(error);
  const value = valueAt(doc, path);
  return { path, value, expected, message: `${path || '/'}: expected ${expected}` };
}

function problemPath(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    return `${error.instancePath}/${String(params.missingProperty)}`;
  }
  if (error.keyword === 'additionalProperties') {
    return `${error.instancePath}/${String(params.additionalProperty)}`;
  }
  return error.instancePath;
}

function describeExpectation(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'this required field';
    case 'additionalProperties':
      return 'no such field (it is not part of the format)';
    case 'enum':
      return `one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `the value ${JSON.stringify(params.allowedValue)}`;
    case 'type':
      return `a value of type ${String(params.type)}`;
    case 'pattern':
      return `text matching ${String(params.pattern)}`;
    case 'format':
      return `a valid ${String(params.format)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `a number ${String(params.comparison)} ${String(params.limit)}`;
    case 'minItems':
      return `at least ${String(params.limit)} item(s)`;
    case 'maxItems':
      return `at most ${String(params.limit)} item(s)`;
    case 'minLength':
      return `text of at least ${String(params.limit)} character(s)`;
    case 'maxLength':
      return `text of at most ${String(params.limit)} character(s)`;
    case 'uniqueItems':
      return 'no item repeated';
    default:
      return error.message ?? error.keyword;
  }
}

/** Reads the value a JSON pointer names, or undefined when it is absent. */
export function valueAt(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
