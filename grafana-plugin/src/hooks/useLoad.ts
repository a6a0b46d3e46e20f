import { useCallback, useEffect, useRef, useState } from 'react';

import { CollectorError, toCollectorError } from '../api/errors';

export interface Loaded<T> {
  data: T | undefined;
  error: CollectorError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads once per change of `key`, and again every `refreshSeconds` when set.
 * A reload keeps the last data on screen, so a refresh never blanks a NOC wall.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  key: string,
  refreshSeconds?: number
): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<CollectorError>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    setLoading(true);
    loadRef.current().then(
      (value) => {
        if (current) {
          setData(value);
          setError(undefined);
          setLoading(false);
        }
      },
      (failure: unknown) => {
        if (current) {
          setError(toCollectorError(failure));
          setLoading(false);
        }
      }
    );
    return () => {
      current = false;
    };
  }, [key, tick]);

  useEffect(() => {
    if (!refreshSeconds) {
      return undefined;
    }
    const timer = setInterval(() => setTick((value) => value + 1), refreshSeconds * 1000);
    return () => clearInterval(timer);
  }, [refreshSeconds]);

  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { data, error, loading, reload };
}
