import { describe, expect, it } from 'vitest';
import * as record from '../../../src/record/index.js';

describe('dmarc-kit/record exports', () => {
  it('exports the API.md functions and the catalogue, nothing internal', () => {
    expect(Object.keys(record).sort()).toEqual([
      'RECORD_DIAGNOSTICS',
      'formatRecord',
      'lintPolicyPlacement',
      'lintRecord',
      'parseRecord',
    ]);
  });
});
