/**
 * The names `citegraph view` answers to: a page of another site that points its own name at
 * 127.0.0.1 (DNS rebinding) sends its own name in the Host header, and is turned away.
 */
import { hostname, networkInterfaces } from 'node:os';

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];
const EVERY_INTERFACE = ['0.0.0.0', '::', '[::]'];

/** A host as it appears in a Host header: IPv6 addresses in brackets, lower case. */
function asHostHeader(host: string): string {
  const lower = host.toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

/**
 * The host names a server listening on `host` answers to: the loopback names and `host`; on
 * every interface (0.0.0.0, ::) also this machine's name and addresses.
 */
export function allowedHosts(host: string): Set<string> {
  const names = new Set([...LOOPBACK, asHostHeader(host)]);
  if (EVERY_INTERFACE.includes(host)) {
    names.add(hostname().toLowerCase());
    for (const addresses of Object.values(networkInterfaces()))
      for (const address of addresses ?? []) names.add(asHostHeader(address.address));
  }
  return names;
}

/** The host name of a Host header without its port (`[::1]:5173` → `[::1]`). */
function hostOfHeader(header: string): string {
  const lower = header.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon >= 0 ? lower.slice(0, colon) : lower;
}

/** True when a request's Host header names one of `allowed`. */
export function hostAllowed(header: string | undefined, allowed: Set<string>): boolean {
  return header !== undefined && allowed.has(hostOfHeader(header));
}
