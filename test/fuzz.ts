import { writeFileSync } from 'node:fs';
import { seededRandom } from '../scripts/random.js';
import { isInputError } from '../src/errors.js';

/**
 * A seeded mutation of a text: 1–4 of flipped characters, a cut tail, a repeated or deleted span,
 * or a stray token from `tokens` (each reader's fuzz test brings the tokens its format fears).
 */
export function mutate(text: string, rnd: () => number, tokens: readonly string[]): string {
  let s = text;
  const steps = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < steps; k++) {
    const at = Math.floor(rnd() * s.length);
    const op = Math.floor(rnd() * 5);
    if (op === 0) s = s.slice(0, at) + String.fromCharCode(32 + Math.floor(rnd() * 95)) + s.slice(at + 1);
    else if (op === 1) s = s.slice(0, at);
    else if (op === 2) s = s.slice(0, at) + s.slice(at, at + 20) + s.slice(at);
    else if (op === 3) s = s.slice(0, at) + s.slice(at + Math.floor(rnd() * 30));
    else s = s.slice(0, at) + tokens[Math.floor(rnd() * tokens.length)] + s.slice(at);
  }
  return s;
}

/**
 * Feeds `read` 300 mutations of `original` and 50 random byte strings, each written to `path`; returns
 * every attempt that ended in anything but a result or a one-line InputError, or took over 2 s.
 */
export async function fuzzFailures(
  read: (path: string) => unknown,
  path: string,
  original: string,
  tokens: readonly string[],
  seed: number,
  encoding: BufferEncoding = 'utf8',
): Promise<string[]> {
  const rnd = seededRandom(seed);
  const failures: string[] = [];
  const attempt = async (content: Buffer, label: string) => {
    writeFileSync(path, content);
    const started = performance.now();
    try {
      await read(path);
    } catch (error) {
      if (!isInputError(error))
        failures.push(`${label}: ${(error as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
      else if ((error as Error).message.includes('\n')) failures.push(`${label}: multi-line message`);
    }
    if (performance.now() - started > 2000) failures.push(`${label}: took ${performance.now() - started} ms`);
  };
  for (let k = 0; k < 300; k++)
    await attempt(Buffer.from(mutate(original, rnd, tokens), encoding), `mutation ${k}`);
  for (let k = 0; k < 50; k++) {
    const bytes = Buffer.alloc(Math.floor(rnd() * 200));
    for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(rnd() * 256);
    await attempt(bytes, `random ${k}`);
  }
  return failures;
}
