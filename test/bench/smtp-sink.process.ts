/**
 * The benchmark's SMTP sink in a process of its own, so that receiving (smtp-server reads every
 * byte in JavaScript) does not eat the CPU of the process being measured. Talks over IPC:
 * it sends { port } once listening, and answers { count } with { count, distinct }.
 */
import { SmtpSink } from '../support/smtp-sink';

void (async () => {
  const sink = await new SmtpSink().start();
  process.send!({ port: sink.port });
  process.on('message', (message: { count?: boolean; stop?: boolean }) => {
    if (message.count) process.send!({ count: sink.count, distinct: sink.distinctMessageIds().size });
    if (message.stop) void sink.stop().then(() => process.exit(0));
  });
})();
