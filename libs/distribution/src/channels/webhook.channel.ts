import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';

export const WEBHOOK_DELIVERY_HEADER = 'X-Kehoach-Delivery';
export const WEBHOOK_SIGNATURE_HEADER = 'X-Kehoach-Signature';
const TIMEOUT_MS = 15_000;

/** "sha256=<hex>" over the exact body bytes, keyed with the organization's webhook secret. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * POSTs the plan's metadata to an organization's webhook. The delivery id header is the same on
 * every attempt, so a receiver that saw it already can answer 2xx and do nothing.
 */
@Injectable()
export class WebhookChannel {
  async send(url: string, deliveryId: string, body: string, secret: string | null): Promise<void> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': 'kehoach', [WEBHOOK_DELIVERY_HEADER]: deliveryId };
    if (secret) headers[WEBHOOK_SIGNATURE_HEADER] = webhookSignature(secret, body);
    const response = await fetch(url, { method: 'POST', headers, body, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
    // Drain the body so the connection is released.
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new Error(`Máy nhận trả lời HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  }
}
