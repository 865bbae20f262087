import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { Ok } from '../../../api/types';

export type HsdsDocument = Ok<'/api/v1/directory/hsds'>;
export type ImportReport = Ok<'/api/v1/directory/hsds', 'post'>;

/** The download's name as the server gives it (dated in Asia/Shanghai), or today's as a fallback. */
function fileNameOf(response: Response): string {
  const m = response.headers.get('content-disposition')?.match(/filename="([^"]+)"/);
  if (m) return m[1];
  const day = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).replaceAll('-', '');
  return `lianxin-hsds-${day}.json`;
}

function saveJson(name: string, doc: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser has taken the blob once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function useExportDirectory() {
  return useMutation({
    mutationFn: async () => {
      const call = api.GET('/api/v1/directory/hsds');
      const { response } = await call;
      const doc = await unwrap(call);
      const name = fileNameOf(response);
      saveJson(name, doc);
      return { name, locations: doc.locations.length, organizations: doc.organizations.length };
    },
  });
}

export function useImportDirectory() {
  return useMutation({
    mutationFn: ({ doc, dryRun }: { doc: Record<string, unknown>; dryRun: boolean }) =>
      unwrap(
        api.POST('/api/v1/directory/hsds', { params: { query: { dryRun: dryRun ? 'true' : 'false' } }, body: doc }),
      ),
  });
}
