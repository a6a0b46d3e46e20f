import type { Logger } from 'pino';
import type { Catalog } from './catalog.js';
import { CatalogInvalidError, loadCatalogFile } from './load.js';

export type CatalogListener = (catalog: Catalog) => void;

/** What a reload came to. */
export type ReloadResult =
  | { ok: true; catalog: Catalog }
  | { ok: false; error: CatalogInvalidError };

/**
 * Holds the catalog in force. A reload that fails leaves the last good
 * catalog running, so a typo in the file never blinds the collector.
 */
export class CatalogSource {
  private catalog: Catalog;
  private readonly listeners: CatalogListener[] = [];

  constructor(
    readonly path: string,
    initial: Catalog,
    private readonly log: Logger,
  ) {
    this.catalog = initial;
  }

  static async open(path: string, log: Logger): Promise<CatalogSource> {
    return new CatalogSource(path, await loadCatalogFile(path), log);
  }

  get current(): Catalog {
    return this.catalog;
  }

  onChange(listener: CatalogListener): void {
    this.listeners.push(listener);
  }

  async reload(): Promise<ReloadResult> {
    try {
      const next = await loadCatalogFile(this.path);
      this.catalog = next;
      for (const listener of this.listeners) listener(next);
      this.log.info({ path: this.path, interfaces: next.interfaces.size }, 'catalog reloaded');
      return { ok: true, catalog: next };
    } catch (err) {
      if (!(err instanceof CatalogInvalidError)) throw err;
      this.log.error({ path: this.path, problems: err.problems }, 'catalog reload refused');
      return { ok: false, error: err };
    }
  }
}
