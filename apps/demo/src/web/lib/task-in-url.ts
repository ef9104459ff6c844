// The task being shown lives in the URL (`?task=<handle>`), so a reload, a bookmark or the back button finds
// it again and the page resumes following it through the handle.

const parameter = 'task';

export function readTaskFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get(parameter);
}

export function writeTaskToUrl(handle: string | null): void {
  const url = new URL(window.location.href);
  if (handle) url.searchParams.set(parameter, handle);
  else url.searchParams.delete(parameter);
  window.history.replaceState(null, '', url);
}
