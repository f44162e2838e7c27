import { useEffect, useRef } from 'react';

/** Calls `refresh` every few seconds while live updates are on. */
export function useLive(on: boolean, refresh: () => unknown, everyMs = 4000): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => latest.current(), everyMs);
    return () => clearInterval(timer);
  }, [on, everyMs]);
}
