import type { Permission } from '@lianxin/shared';

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  regionCode: string;
  roles: string[];
  permissions: ReadonlySet<Permission>;
  /** Region-code prefixes; '' is the whole country. */
  scopes: string[];
  isDemo: boolean;
  sessionId: string;
}

/** What a service needs to know about the request: who, from where, and when. */
export interface Ctx {
  actor: Actor;
  ip: string;
  requestId: string;
  locale: 'zh-CN' | 'en-US';
  now: Date;
}

/** The context of CLI commands and scheduled jobs. */
export function systemCtx(now: Date, name = 'system'): Ctx {
  return {
    actor: {
      id: '00000000-0000-0000-0000-000000000000',
      username: name,
      displayName: name,
      regionCode: '',
      roles: [],
      permissions: new Set(),
      scopes: [''],
      isDemo: false,
      sessionId: '',
    },
    ip: '',
    requestId: '',
    locale: 'zh-CN',
    now,
  };
}
