import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs on stderr (stdout belongs to the commands' output). Nothing that could
 * hold population data or credentials is ever passed to the logger: request logs carry the
 * request id, route, status, timing and the caller's department and purpose codes, never bodies,
 * variables, answers or headers. The redaction list is a second line of defence against a header
 * object slipping into a log call.
 */
export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'population-gateway' },
      // Level names and ISO times: what log collectors and people read without a lookup table.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['authorization', '*.authorization', '*.*.authorization', 'token', '*.token', 'variables', '*.variables'],
        censor: '[redacted]',
      },
    },
    options.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}

export type { Logger };
