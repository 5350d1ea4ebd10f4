// The server's log writer (src/server/runtime/log-destination.ts): every line reaches the file descriptor
// whole and in order, however lines arrive (one at a time, a burst during a write, multi-byte, over a
// buffer's size), and flush waits for them. A dead or full stdout is tested on the real server
// (test/hardening/graceful-shutdown.test.ts).
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LineWriter } from '../../src/server/runtime/log-destination';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fileWriter(): { writer: LineWriter; read: () => string; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'log-destination-'));
  dirs.push(dir);
  const file = join(dir, 'out.log');
  const fd = openSync(file, 'w');
  return { writer: new LineWriter(fd), read: () => readFileSync(file, 'utf8'), close: () => closeSync(fd) };
}

describe('LineWriter', () => {
  it('writes lines in order, multi-byte and longer than a buffer, and flush waits for them', async () => {
    const { writer, read, close } = fileWriter();
    const lines = [
      '{"msg":"plain"}\n',
      '{"msg":"Zażółć gęślą jaźń, 東京, 🚀"}\n',
      `{"msg":"${'x'.repeat(200_000)}"}\n`,
      '{"msg":"after"}\n',
    ];
    const { write, flush } = writer; // handed on unbound, as pino and the shutdown do
    for (const line of lines) write(line);
    await flush(5_000);
    close();
    expect(read()).toBe(lines.join(''));
    expect(writer.dropped).toBe(0);
  });

  it('keeps every line of a burst that arrives while a write is under way', async () => {
    const { writer, read, close } = fileWriter();
    const lines = Array.from({ length: 50_000 }, (_, i) => `{"level":30,"reqId":"req-${i}","msg":"request completed ł"}\n`);
    for (const line of lines) writer.write(line); // synchronously: the first write is still under way
    await writer.flush(10_000);
    // Later lines reuse the buffers.
    writer.write('{"msg":"last"}\n');
    await writer.flush(5_000);
    close();
    expect(read()).toBe(lines.join('') + '{"msg":"last"}\n');
  });

  it('flush answers at once when nothing is buffered', async () => {
    const { writer, close } = fileWriter();
    const started = performance.now();
    await writer.flush(5_000);
    expect(performance.now() - started).toBeLessThan(1_000);
    close();
  });
});
