import type { Problem } from '../validation/validator.js';
import type { CatalogSpec } from './schema.js';

type Lists = Pick<
  CatalogSpec,
  'regions' | 'plants' | 'systems' | 'processes' | 'domains' | 'interfaces'
>;

/**
 * Checks what a schema cannot: ids unique within their list, every reference
 * pointing at something declared, and prerequisites free of cycles.
 */
export function referenceProblems(spec: CatalogSpec): Problem[] {
  return [
    ...duplicateIds(spec),
    ...plantReferences(spec),
    ...domainReferences(spec),
    ...interfaceReferences(spec),
    ...prerequisiteCycles(spec),
    ...ruleExpressions(spec),
  ];
}

function ruleExpressions(spec: CatalogSpec): Problem[] {
  return spec.interfaces.flatMap((itf, i) =>
    (itf.classification ?? []).flatMap((rule, j) =>
      (['code', 'message'] as const).flatMap((field) => {
        const source = rule[field];
        if (source === undefined) return [];
        try {
          new RegExp(source, 'i');
          return [];
        } catch (err) {
          return [problem(`/interfaces/${i}/classification/${j}/${field}`, source,
            `a valid regular expression (${(err as Error).message})`)];
        }
      })));
}

function duplicateIds(spec: Lists): Problem[] {
  const lists = ['regions', 'plants', 'systems', 'processes', 'domains', 'interfaces'] as const;
  return lists.flatMap((list) => {
    const seen = new Set<string>();
    return spec[list].flatMap((item, i) => {
      if (!seen.has(item.id)) {
        seen.add(item.id);
        return [];
      }
      return [problem(`/${list}/${i}/id`, item.id, `an id not used before in /${list}`)];
    });
  });
}

function plantReferences(spec: CatalogSpec): Problem[] {
  const regions = ids(spec.regions);
  return spec.plants.flatMap((plant, i) =>
    mustExist(`/plants/${i}/region`, plant.region, regions, 'a region declared under /regions'),
  );
}

function domainReferences(spec: CatalogSpec): Problem[] {
  const systems = ids(spec.systems);
  return spec.domains.flatMap((domain, i) =>
    mustExist(`/domains/${i}/systemOfRecord`, domain.systemOfRecord, systems,
      'a system declared under /systems'),
  );
}

function interfaceReferences(spec: CatalogSpec): Problem[] {
  const known = {
    systems: ids(spec.systems),
    domains: ids(spec.domains),
    processes: ids(spec.processes),
    plants: ids(spec.plants),
    interfaces: ids(spec.interfaces),
  };
  return spec.interfaces.flatMap((itf, i) => {
    const at = `/interfaces/${i}`;
    const system = 'a system declared under /systems';
    return [
      ...mustExist(`${at}/source`, itf.source, known.systems, system),
      ...mustExist(`${at}/target`, itf.target, known.systems, system),
      ...mustExist(`${at}/domain`, itf.domain, known.domains, 'a domain declared under /domains'),
      ...mustExist(`${at}/process`, itf.process, known.processes,
        'a process declared under /processes'),
      ...itf.plants.flatMap((plant, j) =>
        mustExist(`${at}/plants/${j}`, plant, known.plants, 'a plant declared under /plants')),
      ...(itf.prerequisites ?? []).flatMap((pre, j) =>
        mustExist(`${at}/prerequisites/${j}`, pre, known.interfaces,
          'an interface declared under /interfaces')),
      ...(itf.source === itf.target
        ? [problem(`${at}/target`, itf.target, 'a target system other than the source')]
        : []),
    ];
  });
}

function prerequisiteCycles(spec: CatalogSpec): Problem[] {
  const edges = new Map(spec.interfaces.map((itf) => [itf.id, itf.prerequisites ?? []]));
  return spec.interfaces.flatMap((itf, i) =>
    reaches(edges, itf.id, itf.id)
      ? [problem(`/interfaces/${i}/prerequisites`, itf.prerequisites,
        'prerequisites that do not lead back to this interface')]
      : [],
  );
}

function reaches(edges: Map<string, string[]>, from: string, goal: string): boolean {
  const seen = new Set<string>();
  const stack = [...(edges.get(from) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (next === goal) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(edges.get(next) ?? []));
  }
  return false;
}

function ids(list: readonly { id: string }[]): Set<string> {
  return new Set(list.map((item) => item.id));
}

function mustExist(path: string, value: string, known: Set<string>, what: string): Problem[] {
  if (known.has(value)) return [];
  const choices = [...known].slice(0, 12).join(', ');
  return [problem(path, value, `${what} (${choices})`)];
}

function problem(path: string, value: unknown, expected: string): Problem {
  return { path, value, expected, message: `${path}: expected ${expected}` };
}
