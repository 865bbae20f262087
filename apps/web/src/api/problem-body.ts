/** A problem+json body as the server sends it; `extra` members (lockedUntil, current, …) ride along. */
export interface Problem {
  code: string;
  title: string;
  status: number;
  /** `key` names the rule that failed (validation.*), for code that reacts to one rule. */
  errors?: { path: string; message: string; key?: string }[];
  requestId?: string;
  [extra: string]: unknown;
}

export async function readProblem(response: Response): Promise<Problem | null> {
  try {
    const body = await response.json();
    return body && typeof body === 'object' && typeof body.code === 'string' ? (body as Problem) : null;
  } catch {
    return null;
  }
}
