// A failed step's error as one line: `CODE: message`, but not `DENIED: denied: ...` or
// `NAME_UNKNOWN: Error response from daemon: ... name unknown: ...` when the message (a
// registry's, as docker prints it) names its code already.

interface StepError {
  readonly code: string;
  readonly message: string;
}

/** True when the message already names its code: `denied: …`, or `… name unknown: …` for NAME_UNKNOWN. */
export function namesItsCode(error: StepError): boolean {
  const message = error.message.toLowerCase();
  const code = error.code.toLowerCase();
  return message.includes(`${code}:`) || message.includes(`${code.replace(/_/g, ' ')}:`);
}

/** `code: message`, or the message alone when it names the code already. */
export function errorLine(error: StepError): string {
  return namesItsCode(error) ? error.message : `${error.code}: ${error.message}`;
}
