/**
 * One error class per exit code the CLI maps to. Messages are one line: what is wrong and what to do.
 * Exit codes (README): 0 ok, 1 regression / failed budget / failed benchmark, 2 usage, config or
 * input error, 3 environment or infrastructure error, 130 interrupted.
 */
export class JepshError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad flags, bad config, unknown suite or run, a database from a newer schema: exit 2. */
export class UsageError extends JepshError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** No browser, browser crashed, page failed to load, environment mismatch under --strict-env: exit 3. */
export class EnvironmentError extends JepshError {
  constructor(message: string) {
    super(message, 3);
  }
}

/** The browser process died (killed, crashed): exit 3 unless a restart recovers (core/sessions.ts). */
export class BrowserExited extends EnvironmentError {}

/** The user pressed Ctrl-C (SIGINT) or the process got SIGTERM: exit 130. */
export class AbortedError extends JepshError {
  constructor(message = 'interrupted') {
    super(message, 130);
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
