/**
 * A GET with bounds, in the shape of `fetch`: a time limit to connect, one for the answer's headers
 * once connected, one for the whole body once the headers are in, and a cap on the body's size. A
 * server that never answers, or streams without end, costs at most these. Each error names the
 * `citegraph fetch` option that raises the bound that bit.
 *
 * Node-only.
 */
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpLimits {
  connectTimeoutMs: number;
  headerTimeoutMs: number;
  bodyTimeoutMs: number;
  maxBodyBytes: number;
}

/** A bound that bit. `retryable`: a later attempt may succeed (a timeout), unlike a body too large. */
export class HttpLimitError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'HttpLimitError';
  }
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;

function responseHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/** Statuses whose Response may not carry a body. */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

/** A `fetch` for GET requests that keeps to `limits`. */
export function boundedFetch(limits: HttpLimits): typeof fetch {
  const get = (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
        method: 'GET',
        headers,
      });
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const fail = (error: Error): void => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        request.destroy();
        reject(error);
      };
      const within = (ms: number, message: () => string): void => {
        clearTimeout(timer);
        timer = setTimeout(() => fail(new HttpLimitError(message(), true)), ms);
      };
      within(
        limits.connectTimeoutMs,
        () => `no connection to ${url.host} within ${seconds(limits.connectTimeoutMs)} (--connect-timeout)`,
      );
      request.on('socket', (socket) => {
        const connected = () =>
          within(
            limits.headerTimeoutMs,
            () => `no answer from ${url.host} within ${seconds(limits.headerTimeoutMs)} (--header-timeout)`,
          );
        if (!socket.connecting) connected();
        else socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
      });
      request.on('response', (response) => {
        within(
          limits.bodyTimeoutMs,
          () =>
            `the answer from ${url.host} took longer than ${seconds(limits.bodyTimeoutMs)} to arrive (--body-timeout)`,
        );
        const tooLarge = () =>
          new HttpLimitError(
            `the answer from ${url.host} is larger than ${limits.maxBodyBytes / 1024 / 1024} MB (--max-body-mb): not read further`,
            false,
          );
        if (Number(response.headers['content-length']) > limits.maxBodyBytes) return fail(tooLarge());
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBodyBytes) fail(tooLarge());
          else chunks.push(chunk);
        });
        response.on('error', fail);
        response.on('end', () => {
          clearTimeout(timer);
          if (settled) return;
          settled = true;
          const status = response.statusCode ?? 500;
          resolve(
            new Response(NO_BODY.has(status) ? null : Buffer.concat(chunks), {
              status,
              statusText: response.statusMessage ?? '',
              headers: responseHeaders(response),
            }),
          );
        });
      });
      request.on('error', fail);
      init?.signal?.addEventListener('abort', () => fail(new Error('aborted')));
      request.end();
    });
  return get as typeof fetch;
}
