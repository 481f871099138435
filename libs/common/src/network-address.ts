import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a server-side request must not reach unless the operator says so: loopback,
 * private networks, link-local (the cloud metadata service at 169.254.169.254), carrier-grade
 * NAT, unspecified, multicast and reserved ranges, in IPv4 and IPv6 (IPv4-mapped included).
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['100::', 64],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv6');

export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return INTERNAL.check(mapped[1], 'ipv4');
    return INTERNAL.check(address, 'ipv6');
  }
  return INTERNAL.check(address, 'ipv4');
}

/** The host of a URL as DNS and the allow-list see it (no brackets around IPv6, lower case). */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/**
 * Why a server-side request to this URL is refused, or null: an internal address (after DNS,
 * every address the name resolves to) unless the host is on the operator's allow-list. A name
 * that does not resolve now is not refused here; the send checks again.
 */
export async function outboundTargetProblem(rawUrl: string, allowHosts: readonly string[]): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return 'địa chỉ không hợp lệ';
  }
  const host = urlHost(url);
  if (allowHosts.includes(host)) return null;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return null;
  }
  const internal = addresses.find(isInternalAddress);
  return internal ? `địa chỉ ${host} trỏ tới mạng nội bộ (${internal}): không được phép` : null;
}
