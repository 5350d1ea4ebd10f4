// The leak check shared by the hardening suites: the server is given a unique API key, and every
// response, log line, snapshot and build output a suite sees is fed in here and searched for it.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';

/** A fresh key per test process: nothing else can contain it by chance. */
export const LEAK_KEY = `leak-marker-${randomUUID()}`;

export class LeakWatch {
  private readonly texts: { where: string; text: string }[] = [];
  private checkedBytes = 0;
  private readonly dataDirs: string[] = [];

  /** Remember a piece of output (checked at once and counted for the report). */
  add(where: string, text: string | Buffer): void {
    const value = typeof text === 'string' ? text : text.toString('latin1');
    this.checkedBytes += value.length;
    if (value.includes(LEAK_KEY))
      this.texts.push({ where, text: value.slice(Math.max(0, value.indexOf(LEAK_KEY) - 80), value.indexOf(LEAK_KEY) + 80) });
  }

  /** A response from app.inject (headers and body). */
  addResponse(where: string, response: { headers: Record<string, unknown>; body?: string; rawPayload?: Buffer }): void {
    this.add(`${where} headers`, JSON.stringify(response.headers));
    this.add(`${where} body`, response.rawPayload ?? response.body ?? '');
  }

  /** A log stream for buildApp({ logger: { stream } }) that feeds every line in. */
  logStream(where: string): { write(line: string): void; lines: string[] } {
    const lines: string[] = [];
    return {
      lines,
      write: (line: string) => {
        lines.push(line);
        this.add(where, line);
      },
    };
  }

  /** A fresh temp DATA_DIR whose files are leak-checked and removed by `sweepDataDirs`. */
  dataDir(prefix: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    this.dataDirs.push(dir);
    return dir;
  }

  /** Feeds in every file of the DATA_DIRs handed out (the key must never be persisted), then removes them. */
  sweepDataDirs(): void {
    for (const dir of this.dataDirs.splice(0)) {
      for (const name of readdirSync(dir)) this.add(`DATA_DIR ${name}`, readFileSync(path.join(dir, name)));
      rmSync(dir, { recursive: true, force: true });
    }
  }

  get bytesChecked(): number {
    return this.checkedBytes;
  }

  expectNoLeak(): void {
    expect(this.checkedBytes).toBeGreaterThan(0);
    expect(this.texts, `the API key appeared in: ${this.texts.map((t) => t.where).join(', ')}`).toEqual([]);
  }
}
