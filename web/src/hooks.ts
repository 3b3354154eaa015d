import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiError } from './api/client.js';

export type Load<T> = { state: 'loading' } | { state: 'error'; error: ApiError | Error } | { state: 'ok'; data: T };

/** Loads on mount and whenever `deps` change; `reload` fetches again (after a write). */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]): [Load<T>, () => void] {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    fn().then(
      (data) => live && setLoad({ state: 'ok', data }),
      (error: Error) => live && setLoad({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [load, reload];
}

export function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}
