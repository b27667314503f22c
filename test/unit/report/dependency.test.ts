import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('fast-xml-parser', () => {
  it('is a version with every published advisory fixed (5.10.1 or later)', () => {
    // The package's exports map hides package.json: find it next to the resolved entry.
    const entry = require.resolve('fast-xml-parser');
    const path = `${entry.slice(0, entry.lastIndexOf('/node_modules/fast-xml-parser/'))}/node_modules/fast-xml-parser/package.json`;
    const { version } = JSON.parse(readFileSync(path, 'utf8')) as { version: string };
    const [major, minor, patch] = version.split('.').map((n) => Number.parseInt(n, 10)) as [
      number,
      number,
      number,
    ];
    expect(major).toBe(5);
    expect(minor * 1000 + patch).toBeGreaterThanOrEqual(10 * 1000 + 1);
    const pkg = JSON.parse(
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
    ) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies['fast-xml-parser']).toMatch(/^\^5\.(1[0-9]|[2-9][0-9])\./);
  });
});
