import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readNumber } from '../../src/io/geojson/json-number.js';
import { skipSpace, skipValue } from '../../src/io/geojson/json-skip.js';

/** Whether JSON.parse takes the text. */
function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether the skipper takes the whole text as one value (whitespace around it allowed). */
function skips(text: string): boolean {
  const bytes = Buffer.from(text);
  const end = skipValue(bytes, 0);
  return end >= 0 && skipSpace(bytes, end) === bytes.length;
}

/** Characters that make or break JSON, to splice into valid text. */
const BREAKERS = '{}[]",:-+.0123456789eEtrufalsn\\/bu \t\n\r\u0001\u007f\u00e9\ud83d'.split('');

/** A JSON text with a few characters inserted, deleted or replaced. */
const mutated = fc
  .tuple(
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value, null, 1)),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...BREAKERS), fc.integer({ min: 0, max: 2 })), {
      maxLength: 3,
    }),
  )
  .map(([text, edits]) => {
    let out = text;
    for (const [at, c, kind] of edits) {
      const k = out.length === 0 ? 0 : at % out.length;
      if (kind === 0) out = out.slice(0, k) + c + out.slice(k);
      else if (kind === 1) out = out.slice(0, k) + out.slice(k + 1);
      else out = out.slice(0, k) + c + out.slice(k + 1);
    }
    return out;
  });

describe('the validating JSON skipper', () => {
  it('takes exactly what JSON.parse takes (fast-check, mutated JSON)', () => {
    fc.assert(
      fc.property(mutated, (text) => skips(text) === parses(text)),
      { numRuns: 5000, seed: 13 },
    );
  });

  it.each([
    ['"a\\u00e9"', true],
    ['"a\\u00g9"', false],
    ['"a\\x"', false],
    ['"tab\there"', false],
    ['-', false],
    ['-0', true],
    ['01', false],
    ['1.', false],
    ['1e', false],
    ['1E+5', true],
    ['[1,]', false],
    ['{"a":1,}', false],
    ['{"a" 1}', false],
    ['{1:1}', false],
    ['tru', false],
    ['nul', false],
    ['[true,false,null]', true],
    ['"\ud83d"', true],
    ['', false],
  ])('%s: %s', (text, valid) => {
    expect(parses(text)).toBe(valid);
    expect(skips(text)).toBe(valid);
  });

  it('skips a value nested a million levels deep without recursing', () => {
    const levels = 1_000_000;
    expect(skips(`${'['.repeat(levels)}${']'.repeat(levels)}`)).toBe(true);
    expect(skips(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`)).toBe(true);
    expect(skips(`${'['.repeat(levels)}${']'.repeat(levels - 1)}`)).toBe(false);
  });
});

describe('readNumber', () => {
  it('reads every number as JSON.parse does, and refuses what it refuses (fast-check)', () => {
    const written = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)),
      fc
        .tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.integer({ min: 0, max: 17 }))
        .map(([x, d]) => x.toFixed(d)),
      fc.stringMatching(/^-?[0-9]{1,20}(\.[0-9]{0,20})?([eE][+-]?[0-9]{0,3})?$/),
    );
    const out = new Float64Array(1);
    fc.assert(
      fc.property(written, (text) => {
        const bytes = Buffer.from(`${text},`);
        const end = readNumber(bytes, 0, out, 0);
        if (!parses(text)) return end < 0 || end < text.length;
        return end === text.length && Object.is(out[0], JSON.parse(text));
      }),
      { numRuns: 5000, seed: 11 },
    );
  });
});
