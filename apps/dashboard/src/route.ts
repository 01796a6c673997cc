import { useEffect, useState } from 'preact/hooks';

// Hash routes (#/partners/P-1): the API serves one page at /ui/, so navigation stays in the browser.

export type Route = { page: 'programme' } | { page: 'partners'; area?: string; tier?: string } | { page: 'partner'; partnerId: string } | { page: 'badges' };

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(search);
  if (parts[0] === 'partners' && parts[1]) return { page: 'partner', partnerId: parts[1] };
  if (parts[0] === 'partners') return { page: 'partners', area: params.get('area') ?? undefined, tier: params.get('tier') ?? undefined };
  if (parts[0] === 'badges') return { page: 'badges' };
  return { page: 'programme' };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return route;
}
