import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { isInternalAddress, outboundTargetProblem } from '@app/common';
import { AppConfig } from '@app/config';
import { WebhookChannel } from './webhook.channel';

describe('webhook targets', () => {
  let server: Server;
  let port: number;
  let received = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      received++;
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const channel = (allow: string[]) => new WebhookChannel(Object.assign(new AppConfig(), { webhookAllowHosts: allow }));

  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
  ])('%s is internal', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '203.113.1.1', '2001:4860:4860::8888'])('%s is not', (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });

  it('refuses, when set, URLs that point inside (by address or by name), unless allowed', async () => {
    expect(await outboundTargetProblem('http://169.254.169.254/latest/meta-data', [])).toMatch(/mạng nội bộ/);
    expect(await outboundTargetProblem('http://[::1]:8080/', [])).toMatch(/mạng nội bộ/);
    expect(await outboundTargetProblem('http://localhost:8080/', [])).toMatch(/mạng nội bộ/);
    expect(await outboundTargetProblem('http://localhost:8080/', ['localhost'])).toBeNull();
  });

  it('checks again at send time, after DNS: nothing reaches a loopback server unless it is allowed', async () => {
    await expect(channel([]).send(`http://localhost:${port}/hook`, 'd1', '{}', null)).rejects.toThrow(/mạng nội bộ/);
    await expect(channel([]).send(`http://127.0.0.1:${port}/hook`, 'd1', '{}', null)).rejects.toThrow(/mạng nội bộ/);
    expect(received).toBe(0);
    await channel(['localhost']).send(`http://localhost:${port}/hook`, 'd2', '{}', 'secret-0123456789');
    expect(received).toBe(1);
  });
});
