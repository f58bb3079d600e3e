// A request the client got wrong, and the checks several request handlers share.

/**
 * A request the client got wrong: answered with this message, the adapter carries on. Only
 * actions the user started and that failed are shown to the user (showUser); the requests
 * VS Code sends on its own at every stop (watch expressions, hovers, variables) answer
 * quietly where the request was made.
 */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly showUser = false,
  ) {
    super(message);
  }
}

export function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseAddress(reference: string | undefined, what: string): number {
  if (typeof reference !== 'string' || !/^\s*(0x[0-9a-f]+|\d+)\s*$/i.test(reference))
    throw new RequestError(`${what} must be an address like "0x100000", got ${JSON.stringify(reference)}`);
  const n = Number(reference.trim());
  if (n > 0xffffffff) throw new RequestError(`${what} ${reference} is beyond 4 GiB`);
  return n;
}
