import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { VerificationError, VerificationErrorCode } from '../verification.error';

/**
 * The public page's limit per client address: a count per address and minute in PostgreSQL
 * (one upsert, atomic), so that every server process shares it. An office behind one address
 * checking a few documents stays far below the default of 60 a minute; a script guessing codes
 * does not.
 */
@Injectable()
export class VerificationRateLimitService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Counts the request; refuses it (429, with the seconds until the next minute) past the limit. */
  async hit(clientAddress: string): Promise<void> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO verification_request_count (client_address, window_start, count)
       VALUES ($1, date_trunc('minute', now()), 1)
       ON CONFLICT (client_address, window_start) DO UPDATE SET count = verification_request_count.count + 1
       RETURNING count, ceil(extract(epoch FROM date_trunc('minute', now()) + interval '1 minute' - now()))::int AS "secondsLeft"`,
      [clientKey(clientAddress)],
    )) as { count: number; secondsLeft: number }[];
    // The first request of an address in a minute clears minutes nobody needs any more.
    if (row.count === 1) await this.dataSource.query(`DELETE FROM verification_request_count WHERE window_start < now() - interval '5 minutes'`);
    if (row.count > this.config.verificationRequestsPerMinute) {
      const retryAfterSeconds = Math.max(1, row.secondsLeft);
      throw new VerificationError(
        VerificationErrorCode.TooManyRequests,
        `Có quá nhiều yêu cầu kiểm tra văn bản từ địa chỉ của bạn. Vui lòng thử lại sau ${retryAfterSeconds} giây.`,
        { retryAfterSeconds },
      );
    }
  }
}

/** IPv6 clients are counted per /64 (one household or office holds a whole /64); IPv4 per address. */
export function clientKey(address: string): string {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (!plain.includes(':')) return plain.slice(0, 64);
  const [head, tail = ''] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).join(':')}::/64`.slice(0, 64);
}
