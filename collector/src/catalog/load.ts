import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { SchemaValidator, type Problem } from '../validation/validator.js';
import { Catalog } from './catalog.js';
import { referenceProblems } from './references.js';
import { CatalogSpec } from './schema.js';

/** A catalog problem, with the line of the YAML file it was found on. */
export interface CatalogProblem extends Problem {
  line?: number;
}

/** Raised when a catalog cannot be used; lists every problem found. */
export class CatalogInvalidError extends Error {
  readonly source: string;
  readonly problems: CatalogProblem[];

  constructor(source: string, problems: CatalogProblem[]) {
    const list = problems.map((p) => `  ${describe(p)}`).join('\n');
    super(`catalog ${source} has ${problems.length} problem(s):\n${list}`);
    this.name = 'CatalogInvalidError';
    this.source = source;
    this.problems = problems;
  }
}

const validator = new SchemaValidator<CatalogSpec>(CatalogSpec);

/** Parses and validates catalog YAML; throws CatalogInvalidError. */
export function parseCatalog(text: string, source = 'catalog'): Catalog {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) throw new CatalogInvalidError(source, syntaxProblems(doc, lines));

  const data: unknown = doc.toJS();
  const schema = validator.problems(data);
  if (schema.length > 0) throw new CatalogInvalidError(source, withLines(schema, doc, lines));

  const spec = data as CatalogSpec;
  const references = referenceProblems(spec);
  if (references.length > 0) {
    throw new CatalogInvalidError(source, withLines(references, doc, lines));
  }
  return new Catalog(spec);
}

/** Reads a catalog file; throws CatalogInvalidError naming the file. */
export async function loadCatalogFile(path: string): Promise<Catalog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new CatalogInvalidError(path, [{
      path: '',
      value: path,
      expected: `a readable catalog file (${reason})`,
      message: `cannot read ${path}: ${reason}`,
    }]);
  }
  return parseCatalog(text, path);
}

function syntaxProblems(doc: Document, lines: LineCounter): CatalogProblem[] {
  return doc.errors.map((e) => ({
    path: '',
    value: null,
    expected: 'valid YAML',
    message: e.message.split('\n')[0] ?? e.code,
    line: lines.linePos(e.pos[0]).line,
  }));
}

function withLines(problems: Problem[], doc: Document, lines: LineCounter): CatalogProblem[] {
  return problems.map((p) => {
    const line = lineOf(doc, lines, p.path);
    return line === undefined ? p : { ...p, line };
  });
}

// A missing field has no node of its own: fall back to its nearest parent.
function lineOf(doc: Document, lines: LineCounter, pointer: string): number | undefined {
  const keys = pointer.split('/').slice(1).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  for (let n = keys.length; n >= 0; n -= 1) {
    const node = doc.getIn(keys.slice(0, n), true) as { range?: [number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function describe(problem: CatalogProblem): string {
  const where = problem.line === undefined ? '' : ` (line ${problem.line})`;
  const value = problem.value === undefined ? '' : ` got ${JSON.stringify(problem.value)},`;
  return `${problem.path || '/'}${where}:${value} expected ${problem.expected}`;
}
