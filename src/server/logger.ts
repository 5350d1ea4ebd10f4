// pino options for the server. The API key must never reach a log line: headers that could carry it
// are redacted by path, and as a last line of defence every written line has the key's text replaced.
import type { FastifyServerOptions } from 'fastify';

interface LineStream {
  write(line: string): void;
}

export interface LogSettings {
  /** false: no logging (benchmarks). Default: 'info'. */
  level?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | false;
  /** Where lines go (tests capture them); default stdout. */
  stream?: LineStream;
}

export const REDACTED = '[REDACTED]';

const REDACT_PATHS = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  'apiKey',
  '*.apiKey',
];

/** Fastify's `logger` option, or false. `secrets` are strings that must never be written. */
export function loggerOptions(settings: LogSettings, secrets: string[]): FastifyServerOptions['logger'] {
  if (settings.level === false) return false;
  // Very short values (like the demo's 'demo') would scrub ordinary words; they are not secrets anyway.
  // A key is also scrubbed in its JSON-escaped form, as it would appear inside a log line.
  const scrubbed = secrets
    .filter((secret) => secret.length >= 8)
    .flatMap((secret) => [...new Set([secret, JSON.stringify(secret).slice(1, -1)])]);
  return {
    level: settings.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    ...(scrubbed.length > 0 ? { hooks: { streamWrite: (line: string) => scrub(line, scrubbed) } } : {}),
    ...(settings.stream ? { stream: settings.stream } : {}),
  };
}

function scrub(line: string, secrets: string[]): string {
  let result = line;
  for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  return result;
}
