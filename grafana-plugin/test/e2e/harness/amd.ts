/**
 * The smallest AMD loader that runs a built plugin module the way Grafana's
 * SystemJS does: the module's dependencies are resolved from the libraries
 * the host shares, and its exports come back as a promise.
 */
export type SharedModules = Record<string, unknown>;

type Factory = (...deps: unknown[]) => unknown;

export function loadAmdModule(
  url: string,
  shared: SharedModules
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const host = window as unknown as { define?: unknown };
    host.define = (deps: string[], factory: Factory) => {
      const missing = deps.filter((name) => !(name in shared));
      if (missing.length > 0) {
        reject(new Error(`${url} needs modules the host does not share: ${missing.join(', ')}`));
        return;
      }
      resolve(factory(...deps.map((name) => shared[name])) as Record<string, unknown>);
    };
    (host.define as { amd?: object }).amd = {};
    const script = document.createElement('script');
    script.src = url;
    script.onerror = () => reject(new Error(`cannot load ${url}`));
    document.head.appendChild(script);
  });
}
