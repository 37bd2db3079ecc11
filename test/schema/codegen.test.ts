import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '@graphql-codegen/cli';
import config from '../../codegen.js';

describe('generated resolver types', () => {
  it('match the SDL in schema/ (run `npm run codegen` after changing it)', async () => {
    const outputs = (await generate({ ...config, cwd: process.cwd(), silent: true } as never, false)) as { filename: string; content: string }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const { filename, content } of outputs) {
      expect(readFileSync(filename, 'utf8'), `${filename} is stale: run npm run codegen`).toBe(content);
    }
  }, 60_000);
});
