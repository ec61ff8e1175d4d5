import { execFileSync } from 'node:child_process';

/** GDAL's view of a file: its feature count, and everything it said on stderr. */
export function ogrinfo(path: string): { features: number; stderr: string } {
  const stdout = execFileSync('ogrinfo', ['-ro', '-al', '-so', path], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const counts = [...stdout.matchAll(/Feature Count: (\d+)/g)].map((m) => Number(m[1]));
  const stderr = execFileSync('sh', ['-c', `ogrinfo -ro -al -so "$1" 2>&1 >/dev/null`, 'sh', path], {
    encoding: 'utf8',
  });
  return { features: counts.reduce((a, b) => a + b, 0), stderr };
}
