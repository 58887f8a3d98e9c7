// Query-protocol answers for IAM and STS: a result tree written as XML in the service's
// namespace, and the <ErrorResponse> every Query service sends (ECR.md §1.2).
import type { ServerResponse } from 'node:http';

/** The XML namespaces of IAM's and STS's responses. */
export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** A value in a Query result: lists become `<member>` elements, absent values are left out. */
export type XmlValue = string | number | boolean | Date | undefined | readonly XmlValue[] | XmlObject;

/** A structure in a Query result: each key an element, in this order. */
export interface XmlObject { readonly [element: string]: XmlValue }

/** An error the Query services answer with `<ErrorResponse>`: its code, HTTP status and message. */
export class QueryError extends Error {
  constructor(readonly code: string, readonly status: number, message: string) {
    super(message);
  }
}

/** Text safe inside an element or an attribute. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `2026-05-01T12:00:00Z`: IAM and STS write timestamps in ISO 8601 without milliseconds. */
export function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function render(value: XmlValue, indent: string): string {
  if (value instanceof Date) return isoSeconds(value.getTime());
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    return `\n${value.map((v) => `${indent}<member>${render(v, `${indent}  `)}</member>\n`).join('')}${indent.slice(2)}`;
  }
  if (typeof value === 'object' && value !== null) {
    const inner = Object.entries(value as XmlObject).filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${indent}<${k}>${render(v, `${indent}  `)}</${k}>\n`).join('');
    return inner === '' ? '' : `\n${inner}${indent.slice(2)}`;
  }
  return escapeXml(String(value));
}

/** `<XResponse><XResult>…</XResult><ResponseMetadata>…</ResponseMetadata></XResponse>`; no Result element when the action returns nothing. */
export function resultXml(action: string, xmlns: string, result: XmlObject | undefined, requestId: string): string {
  const body = result === undefined ? '' : `  <${action}Result>${render(result, '    ')}</${action}Result>\n`;
  return `<${action}Response xmlns="${xmlns}">\n${body}` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`;
}

/** The Query error body; `Type` is Receiver only for server faults. */
export function errorXml(xmlns: string, error: QueryError, requestId: string): string {
  return `<ErrorResponse xmlns="${xmlns}">\n  <Error>\n    <Type>${error.status >= 500 ? 'Receiver' : 'Sender'}</Type>\n` +
    `    <Code>${escapeXml(error.code)}</Code>\n    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
}

/** Writes an XML answer with the request id header the SDKs read. */
export function sendXml(res: ServerResponse, status: number, xml: string, requestId: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml), 'x-amzn-requestid': requestId });
  res.end(xml);
}

/** What the request log records about one Query call. */
export interface QueryOutcome {
  readonly action: string;
  readonly status: number;
  readonly errorCode?: string;
  readonly caller?: string;
}

/** Who the work found the caller to be, once it knows (errors after that are logged with it). */
export interface Seen { caller?: string }

/** Runs one Query action and answers with its result or its error; never throws. */
export async function answerQuery(
  res: ServerResponse, requestId: string, xmlns: string, action: string,
  work: (seen: Seen) => Promise<XmlObject | undefined>,
): Promise<QueryOutcome> {
  const seen: Seen = {};
  const by = () => (seen.caller ? { caller: seen.caller } : {});
  try {
    const result = await work(seen);
    sendXml(res, 200, resultXml(action, xmlns, result, requestId), requestId);
    return { action, status: 200, ...by() };
  } catch (err) {
    const error = err instanceof QueryError ? err : new QueryError('ServiceFailure', 500, String((err as Error)?.message ?? err));
    sendXml(res, error.status, errorXml(xmlns, error, requestId), requestId);
    return { action, status: error.status, errorCode: error.code, ...by() };
  }
}

/** `InvalidAction` for an action the service does not have. */
export function invalidAction(action: string, version: string | undefined): QueryError {
  return new QueryError('InvalidAction', 400, `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`);
}
