import { fetchApi } from '../api/client';

/** The file name a Content-Disposition header offers, preferring the RFC 5987 UTF-8 form (站点_20261201.xlsx). */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads a file the API serves (an export, a template) under the name the server gives it. */
export async function downloadFile(url: string, fallback: string): Promise<string> {
  const res = await fetchApi(url);
  const name = filenameOf(res.headers.get('content-disposition'), fallback);
  saveBlob(await res.blob(), name);
  return name;
}

/** Query parameters from a list page's filters: empty values left out, booleans as 'true'. */
export function queryString(filters: object): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
