// The API key lives in sessionStorage only: it goes with the browser tab, never into a cookie,
// localStorage or a URL, so closing the tab signs out and no other site ever receives it.

const KEY_ITEM = 'partner-program.api-key';

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_ITEM);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY_ITEM, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_ITEM);
}
