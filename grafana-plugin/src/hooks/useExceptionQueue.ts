import { useCallback, useState } from 'react';

import { listExceptions } from '../api/collector';
import { toCollectorError } from '../api/errors';
import { type ExceptionFilter, type ExceptionSummary } from '../api/types';
import { type Loaded, useLoad } from './useLoad';

export const PAGE_SIZE = 50;

export interface Queue {
  first: Loaded<{ items: ExceptionSummary[]; nextCursor: string | null; total: number }>;
  items: ExceptionSummary[];
  total: number;
  canLoadMore: boolean;
  loadMore: () => Promise<void>;
}

/** The filtered work queue, one page at a time, appending on "load more". */
export function useExceptionQueue(filter: ExceptionFilter, limit = PAGE_SIZE): Queue {
  const key = JSON.stringify(filter);
  const first = useLoad(() => listExceptions(filter, { limit }), `${key}|${limit}`);
  const [more, setMore] = useState<{
    key: string;
    items: ExceptionSummary[];
    cursor: string | null;
  }>();
  const current = more?.key === key && first.data ? more : undefined;
  const cursor = current ? current.cursor : (first.data?.nextCursor ?? null);

  const loadMore = useCallback(async () => {
    if (!cursor) {
      return;
    }
    try {
      const page = await listExceptions(filter, { limit, cursor });
      setMore({ key, items: [...(current?.items ?? []), ...page.items], cursor: page.nextCursor });
    } catch (error) {
      throw toCollectorError(error);
    }
  }, [cursor, current, filter, key, limit]);

  return {
    first,
    items: [...(first.data?.items ?? []), ...(current?.items ?? [])],
    total: first.data?.total ?? 0,
    canLoadMore: cursor !== null,
    loadMore,
  };
}
