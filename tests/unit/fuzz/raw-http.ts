// Raw HTTP for the fuzz tests: bytes written straight to a TCP socket, so that methods, request targets, headers and
// bodies can be anything at all (fetch and node:http refuse or rewrite much of what a fuzzer wants to send).
import { connect } from 'node:net';

export type RawAnswer = {
  /** The final status (interim 1xx answers skipped), or null when the server sent no status line. */
  status: number | null;
  /** The status line and headers, as latin1 text. */
  head: string;
  body: Buffer;
  /** The server closed the connection without sending anything. */
  closedWithoutAnswer: boolean;
};

/** One request line, headers and body as bytes; header names and values are written as latin1. */
export function requestBytes(method: string, target: string, headers: readonly (readonly [string, string])[], body: Buffer = Buffer.alloc(0)): Buffer {
  const lines = [`${method} ${target} HTTP/1.1`, ...headers.map(([name, value]) => `${name}: ${value}`)];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

/**
 * Sends bytes on a fresh connection to 127.0.0.1:`port` and reads until the server closes it (callers send
 * `connection: close`). An event stream never ends, so its answer is cut after the head. Rejects when nothing ends
 * within `timeoutMs`: a request the server neither answers nor closes is a hang, which is a failure too.
 */
export function rawRequest(port: number, bytes: Buffer, timeoutMs = 5000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      let all = Buffer.concat(chunks);
      // Interim answers (100 Continue to an "expect" header) come before the real one.
      while (/^HTTP\/1\.[01] 1\d\d /.test(all.subarray(0, 16).toString('latin1')) && all.indexOf('\r\n\r\n') >= 0) all = all.subarray(all.indexOf('\r\n\r\n') + 4);
      const end = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, end < 0 ? all.length : end).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
      resolve({ status: status ? Number(status) : null, head, body: end < 0 ? Buffer.alloc(0) : all.subarray(end + 4), closedWithoutAnswer: all.length === 0 });
    };
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(bytes.subarray(0, 160).toString('latin1'))}`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (/content-type: text\/event-stream/i.test(Buffer.concat(chunks).toString('latin1'))) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    // A server that refuses a request may reset the connection while a large body is still being written.
    socket.on('error', finish);
    socket.write(bytes);
  });
}

/** Percent-encodes every UTF-8 byte (a surrogate half goes as U+FFFD, as any client would send it). */
export const percentEncode = (text: string): string => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** A header value of `header` in a raw answer's head, or undefined. */
export function headerOf(answer: RawAnswer, header: string): string | undefined {
  const line = answer.head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${header.toLowerCase()}:`));
  return line?.slice(line.indexOf(':') + 1).trim();
}
