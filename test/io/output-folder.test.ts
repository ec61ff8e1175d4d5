import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AtomicFileSet } from '../../src/io/files/atomic-write.js';
import { LOCK_FILE, lockOutputDir } from '../../src/io/files/output-lock.js';
import { type AnalysisResult, analyze } from '../../src/pipeline/analyze.js';
import { claimOutputs, writeOutputs } from '../../src/pipeline/write-outputs.js';
import { outcome } from '../cli/run-cli.js';
import { HAND_INPUTS, tempDir } from '../helpers.js';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let result: AnalysisResult;
beforeAll(async () => {
  result = await analyze({ ...HAND_INPUTS, workers: 0 });
});

/** A pid that surely ran on this host and is gone now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

const pidns = readlinkSync('/proc/self/ns/pid');
const lockOf = (host: string, pid: number, ns = pidns) =>
  `${JSON.stringify({ host, pid, pidns: ns, started: 'earlier', token: 'theirs' })}\n`;

/** Several processes at once try to lock `dir` (holding it a moment): how many got it. */
async function contenders(dir: string, count: number): Promise<number> {
  const lockModule = new URL('../../src/io/files/output-lock.ts', import.meta.url).pathname;
  // A winner holds the lock until its stdin closes, which happens once every contender has tried:
  // a winner that exited early would leave a dead pid's lock, rightly taken over by a late starter.
  const script = `import { lockOutputDir } from ${JSON.stringify(lockModule)};
let got = false;
try { lockOutputDir(${JSON.stringify(dir)}); got = true; } catch {}
process.stdout.write(got ? 'got' : 'refused');
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));`;
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]),
  );
  const runs = children.map((child) => outcome(child));
  await Promise.all(children.map((child) => new Promise((resolve) => child.stdout?.once('data', resolve))));
  for (const child of children) child.stdin?.end();
  return (await Promise.all(runs)).filter((r) => r.stdout === 'got').length;
}

describe('the output folder lock', () => {
  it('refuses a folder another live run of this host holds, naming the lock', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), lockOf(hostname(), process.ppid));
    expect(() => claimOutputs(dir, [])).toThrow(
      new RegExp(
        `${LOCK_FILE}: the output folder is in use by another run \\(value: .*"pid":${process.ppid}`,
      ),
    );
    expect(() => writeOutputs(result, dir)).toThrow(/in use by another run/);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it('refuses a lock of another host, and one it cannot read, with a hint', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), lockOf('elsewhere.example', 1));
    expect(() => claimOutputs(dir, [])).toThrow(/in use by another run .* remove .* on elsewhere.example/);
    writeFileSync(join(dir, LOCK_FILE), 'not json');
    expect(() => claimOutputs(dir, [])).toThrow(/in use by another run \(value: "unreadable lock file"\)/);
  });

  it('takes over the lock of a dead process of this host, and removes it when done', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), lockOf(hostname(), deadPid()));
    writeOutputs(result, dir);
    expect(existsSync(join(dir, 'summary.json'))).toBe(true);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('a stale lock taken over by several runs at once goes to exactly one of them', async () => {
    for (let trial = 0; trial < 4; trial++) {
      const dir = tempDir();
      writeFileSync(join(dir, LOCK_FILE), lockOf(hostname(), deadPid()));
      expect(await contenders(dir, 4)).toBe(1);
    }
  }, 60_000);

  it('a lock of a dead pid in another pid namespace (a container) is not taken over', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), lockOf(hostname(), deadPid(), 'pid:[1]'));
    expect(() => claimOutputs(dir, [])).toThrow(/in use by another run .* remove .* if no run on/);
  });

  it('an unreadable lock: refused while fresh (being written), taken over once old', () => {
    const dir = tempDir();
    const lock = join(dir, LOCK_FILE);
    writeFileSync(lock, '');
    expect(() => claimOutputs(dir, [])).toThrow(/in use by another run \(value: "unreadable lock file"\)/);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lock, old, old);
    claimOutputs(dir, []).release();
    expect(existsSync(lock)).toBe(false);
  });

  it('is held once even within one process: writeOutputs needs the holder token to write under it', () => {
    const dir = tempDir();
    const outer = lockOutputDir(dir);
    expect(() => writeOutputs(result, dir)).toThrow(/in use by another run/);
    writeOutputs(result, dir, { heldLock: outer.token });
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    outer.release();
    outer.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});

describe('temp files', () => {
  it('have unpredictable names and never follow a planted symlink', () => {
    const dir = tempDir();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    // The names an older version used: predictable from the pid.
    for (const pid of [process.pid, process.pid + 1])
      symlinkSync(victim, join(dir, `.regions.csv.tmp-${pid}`));
    const set = new AtomicFileSet();
    const written = set.write(join(dir, 'regions.csv'), ['a,b\n']);
    const temps = readdirSync(dir).filter((n) => n.endsWith('.funkatlas-tmp'));
    expect(temps).toHaveLength(1);
    expect(temps[0]).toMatch(/^\.regions\.csv\.[0-9a-f]{16}\.funkatlas-tmp$/);
    set.commit();
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(written.bytes).toBe(4);
  });

  it('a symlink planted at an output is replaced, not written through', () => {
    const dir = tempDir();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, join(dir, 'regions.csv'));
    writeOutputs(result, dir, { force: true });
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(readFileSync(join(dir, 'regions.csv'), 'utf8')).toMatch(/^id,name,/);
  });

  it('left by a killed run are removed by the next run; other hidden files stay', () => {
    const dir = tempDir();
    for (const name of ['.regions.csv.0123456789abcdef.funkatlas-tmp', '.summary.json.ffff.funkatlas-tmp'])
      writeFileSync(join(dir, name), 'half');
    writeFileSync(join(dir, '.mine'), 'keep');
    writeOutputs(result, dir);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual(['.mine']);
  });
});

describe('manifest.json', () => {
  it('lists every file written with its size and sha256, summary.json last', () => {
    const dir = tempDir();
    const written = writeOutputs(result, dir, { formats: ['geojson', 'fgb'] });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.schema).toBe('funkatlas/manifest@1');
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual([
      'regions.geojson',
      'lte-dead-zones.geojson',
      'regions.fgb',
      'lte-dead-zones.fgb',
      'regions.csv',
      'timeseries.csv',
      'regions.qml',
      'lte-dead-zones.qml',
      'report.html',
      'summary.json',
    ]);
    for (const f of manifest.files) {
      expect(f.sha256).toBe(sha256(join(dir, f.name)));
      expect(f.bytes).toBe(readFileSync(join(dir, f.name)).length);
    }
    expect(written.at(-1)).toBe(join(dir, 'manifest.json'));
  });

  it('a forced run removes the last run’s files it does not rewrite, and no other file', () => {
    const dir = tempDir();
    writeOutputs(result, dir, { formats: ['geojson', 'fgb'] });
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'old.fgb'), 'mine too');
    // Without the report this time: the last run's report.html goes with the FlatGeobuf files.
    writeOutputs(result, dir, { force: true, report: false });
    expect(readdirSync(dir).sort()).toEqual([
      'lte-dead-zones.geojson',
      'lte-dead-zones.qml',
      'manifest.json',
      'notes.txt',
      'old.fgb',
      'regions.csv',
      'regions.geojson',
      'regions.qml',
      'summary.json',
      'timeseries.csv',
    ]);
  });

  it('names outside the folder in an edited manifest remove nothing', () => {
    const parent = tempDir();
    const dir = join(parent, 'out');
    mkdirSync(dir);
    writeFileSync(join(parent, 'victim.txt'), 'keep me');
    writeOutputs(result, dir);
    const files = [
      { name: '../victim.txt' },
      { name: join(parent, 'victim.txt') },
      { name: '.funkatlas.lock' },
      { name: '..' },
    ];
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schema: 'funkatlas/manifest@1', files }));
    writeOutputs(result, dir, { force: true });
    expect(readFileSync(join(parent, 'victim.txt'), 'utf8')).toBe('keep me');
  });

  it('an edited manifest removes none of the files it names that funkatlas does not write', () => {
    const dir = tempDir();
    writeOutputs(result, dir);
    for (const name of ['notes.txt', 'households.geojson', 'sub']) writeFileSync(join(dir, name), 'mine');
    const files = ['notes.txt', 'households.geojson', 'sub'].map((name) => ({
      name,
      bytes: 4,
      sha256: sha256(join(dir, name)),
    }));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schema: 'funkatlas/manifest@1', files }));
    writeOutputs(result, dir, { force: true });
    for (const name of ['notes.txt', 'households.geojson', 'sub'])
      expect(readFileSync(join(dir, name), 'utf8')).toBe('mine');
  });

  it('an old output changed since it was written, or now an input, is kept', async () => {
    const dir = tempDir();
    writeOutputs(result, dir, { formats: ['geojson', 'fgb'] });
    writeFileSync(join(dir, 'lte-dead-zones.fgb'), 'edited by hand');
    // The last run's regions.fgb is this run's regions input.
    const fromFgb = await analyze({ ...HAND_INPUTS, regions: join(dir, 'regions.fgb'), workers: 0 });
    writeOutputs(fromFgb, dir, { force: true });
    expect(existsSync(join(dir, 'regions.fgb'))).toBe(true);
    expect(readFileSync(join(dir, 'lte-dead-zones.fgb'), 'utf8')).toBe('edited by hand');
  });

  it('a commit that fails leaves no temp file and says what state the folder is in', () => {
    const dir = tempDir();
    writeOutputs(result, dir);
    // summary.json turned into a folder holding a file: the commit cannot remove it.
    rmSync(join(dir, 'summary.json'));
    mkdirSync(join(dir, 'summary.json'));
    writeFileSync(join(dir, 'summary.json', 'x'), '');
    expect(() => writeOutputs(result, dir, { force: true })).toThrow(
      /summary.json: cannot write output \(\w+\); summary.json was removed, so the outputs there are not a complete set/,
    );
    expect(readdirSync(dir).filter((n) => n.endsWith('.funkatlas-tmp'))).toEqual([]);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('without --force, an existing manifest.json is an existing output', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'manifest.json'), '{}');
    expect(() => writeOutputs(result, dir)).toThrow(/manifest.json: output exists already/);
  });
});
