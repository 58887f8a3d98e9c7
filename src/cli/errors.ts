// Failures meant for the user: one line, a non-zero exit code, never a stack trace.

/** An error whose message is the whole line the user sees. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'UserError';
  }
}

/** Bad arguments: exit code 2, like every other usage error. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}
