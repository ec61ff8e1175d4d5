import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Seconds of one PostGIS method's stages, from check.sh's log. */
export interface PeerTimes {
  classify: number;
  areas: number;
}

export interface PostgisPeer {
  load: number;
  expert: PeerTimes;
  plain: PeerTimes;
}

/** Runs scripts/postgis/check.sh --sequential (it fails unless both methods match funkatlas) and reads its times. */
export function postgisPeer(root: string, inputArgs: string[]): PostgisPeer {
  const args = [join(root, 'scripts/postgis/check.sh'), '--sequential', ...inputArgs];
  const r = spawnSync('bash', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0)
    throw new Error(`PostGIS check failed:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`);
  const at = (message: string) => {
    const match = new RegExp(`\\[\\s*([\\d.]+)s\\] ${message}`).exec(r.stderr);
    if (!match) throw new Error(`PostGIS check log has no "${message}"`);
    return Number(match[1]);
  };
  const method = (name: string): PeerTimes => {
    const start = at(`PostGIS ${name}: regions and coverage`);
    const areas = at(`PostGIS ${name}: areas`);
    return { classify: areas - start, areas: at(`PostGIS ${name}: done`) - areas };
  };
  return {
    load: at('PostGIS expert: regions') - at('loading inputs'),
    expert: method('expert'),
    plain: method('plain'),
  };
}
