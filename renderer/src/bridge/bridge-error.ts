/** One error type for both bridges, carrying the server's own message (shown to the user as is). */
export type BridgeErrorKind = 'http' | 'network' | 'ipc';

export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  readonly kind: BridgeErrorKind;
  /** HTTP status (web console); null over IPC or when the server was not reached. */
  readonly status: number | null;
  /** The admin API's `error.type` / `error.code`, when given. */
  readonly type: string | null;
  readonly code: string | null;

  constructor(message: string, options: { kind: BridgeErrorKind; status?: number | null; type?: string | null; code?: string | null }) {
    super(message);
    this.kind = options.kind;
    this.status = options.status ?? null;
    this.type = options.type ?? null;
    this.code = options.code ?? null;
  }
}

/** The admin credential was missing or wrong (web console): show the login screen. */
export function isUnauthorizedError(error: unknown): boolean {
  return error instanceof BridgeError && error.status === 401;
}

/** A message fit for the user, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error && error.message.trim() !== '') return error.message;
  if (typeof error === 'string' && error.trim() !== '') return error;
  return 'Something went wrong.';
}
