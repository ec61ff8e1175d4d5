import { readFileSync } from 'node:fs';

/** The package's name and version, from package.json two folders up (the same from src/ and dist/). */
export function toolInfo(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    name: string;
    version: string;
  };
  return { name: pkg.name, version: pkg.version };
}
