// A failed step's error as one line: `CODE: message`, but not `DENIED: denied: ...` when the
// message (a registry's, as docker prints it) already starts with its code.

/** `code: message`, or the message alone when it begins with the code already. */
export function errorLine(error: { readonly code: string; readonly message: string }): string {
  return error.message.toLowerCase().startsWith(`${error.code.toLowerCase()}:`) ? error.message : `${error.code}: ${error.message}`;
}
