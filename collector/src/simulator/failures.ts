import type { ExceptionClass } from '../exceptions/taxonomy.js';

/** The error a target answers with, as middleware would report it. */
export interface InjectedError {
  code: string;
  message: string;
  httpStatus?: number;
}

type Injectable = Exclude<ExceptionClass, 'unknown'>;

/**
 * Errors as ERP, MES and WMS targets really word them, one family per
 * exception class; the collector's shipped rules must recognise each.
 */
export function injectedError(cls: Injectable, target: string, key: string): InjectedError {
  const system = target.toUpperCase();
  switch (cls) {
    case 'transient':
      return { code: 'ETIMEDOUT', message: `Timed out after 30000 ms waiting for ${system}`,
        httpStatus: 504 };
    case 'invalid_master_data':
      return { code: 'E_MATERIAL', message: `Unknown material ${materialOf(key)} in ${system}` };
    case 'mapping':
      return { code: 'MAPPING_ERROR',
        message: 'Cannot map unit of measure "PAL" to the target format' };
    case 'sequence_dependency':
      return { code: 'ORDER_NOT_FOUND', message: `Production order ${key} does not exist yet` };
    case 'posting_rule':
      return { code: 'PERIOD_CLOSED', message: 'Posting period 11/2026 is closed for company code 1000' };
    case 'duplicate':
      return { code: 'DUPLICATE_DOCUMENT', message: `Document for ${key} already posted`,
        httpStatus: 409 };
    case 'upstream_outage':
      return { code: 'SYSTEM_DOWN', message: `${system} system unavailable`, httpStatus: 503 };
  }
}

function materialOf(key: string): string {
  const digits = key.replace(/\D/g, '').slice(-4).padStart(4, '0');
  return `MAT-${digits}`;
}
