import { CatalogSpec } from './schema.js';

/** The catalog's JSON schema as committed in catalog/catalog.schema.json. */
export function catalogJsonSchema(): string {
  const document = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...JSON.parse(JSON.stringify(CatalogSpec)) as object,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
