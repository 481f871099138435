import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import { isInternalAddress, urlHost } from '@app/common';
import { AppConfig } from '@app/config';

export const WEBHOOK_DELIVERY_HEADER = 'X-Kehoach-Delivery';
export const WEBHOOK_SIGNATURE_HEADER = 'X-Kehoach-Signature';
const TIMEOUT_MS = 15_000;

/** "sha256=<hex>" over the exact body bytes, keyed with the organization's webhook secret. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * POSTs the plan's metadata to an organization's webhook. The delivery id header is the same on
 * every attempt, so a receiver that saw it already can answer 2xx and do nothing. The address
 * is checked after DNS, at the moment of connecting: a name that resolves (or re-resolves) to
 * a loopback, private, link-local or metadata address is refused unless WEBHOOK_ALLOW_HOSTS
 * names the host. Redirects are not followed.
 */
@Injectable()
export class WebhookChannel {
  constructor(private readonly config: AppConfig) {}

  async send(url: string, deliveryId: string, body: string, secret: string | null): Promise<void> {
    const target = new URL(url);
    const allowed = this.config.webhookAllowHosts.includes(urlHost(target));
    const refuse = (address: string) => new Error(`Địa chỉ webhook trỏ tới mạng nội bộ (${address}): không gửi`);
    if (!allowed && isIP(urlHost(target)) && isInternalAddress(urlHost(target))) throw refuse(urlHost(target));
    const lookup = (hostname: string, options: LookupOptions, callback: LookupCallback) =>
      dnsLookup(hostname, options, (error, address, family) => {
        const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address as string];
        const internal = !error && !allowed ? addresses.find(isInternalAddress) : undefined;
        if (internal) callback(refuse(internal), address as string, family);
        else callback(error, address as string, family);
      });
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'User-Agent': 'kehoach',
      [WEBHOOK_DELIVERY_HEADER]: deliveryId,
    };
    if (secret) headers[WEBHOOK_SIGNATURE_HEADER] = webhookSignature(secret, body);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = send(target, { method: 'POST', headers, lookup: lookup as never, timeout: TIMEOUT_MS }, (res: IncomingMessage) => {
        let text = '';
        res.setEncoding('utf8');
        // Only the start of the answer is kept (for the clerk's message); the rest is drained.
        res.on('data', (chunk: string) => {
          if (text.length < 1000) text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('Máy nhận không trả lời kịp')));
      req.on('error', reject);
      req.end(body);
    });
    if (status < 200 || status >= 300) throw new Error(`Máy nhận trả lời HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  }
}
