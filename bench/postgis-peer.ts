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

export interface PeerSummary {
  load_ms: number;
  expert: { classify_ms: number; areas_ms: number; compute_ms: number };
  plain: { classify_ms: number; areas_ms: number; compute_ms: number };
  /** Expert compute time over funkatlas's end to end: the headline ratio. */
  funkatlas_speedup: number;
  funkatlas_speedup_vs_plain: number;
}

/** The bench's rows (one run each, ms) and the summary of both methods against funkatlas's end to end. */
export function peerStages(
  peer: PostgisPeer,
  endToEndMs: number,
): { stages: { stage: string; ms: number; points?: boolean; note?: string }[]; summary: PeerSummary } {
  const stages: { stage: string; ms: number; points?: boolean; note?: string }[] = [
    { stage: 'PostGIS: load (ogr2ogr)', ms: peer.load * 1000, note: 'one run, from its log' },
  ];
  const times = (m: PeerTimes) => ({
    classify_ms: m.classify * 1000,
    areas_ms: m.areas * 1000,
    compute_ms: (m.classify + m.areas) * 1000,
  });
  const labels = { expert: 'PostGIS expert (layer unions)', plain: 'PostGIS plain join' } as const;
  for (const key of ['expert', 'plain'] as const) {
    const t = times(peer[key]);
    stages.push(
      { stage: `${labels[key]}: regions and coverage`, ms: t.classify_ms, points: true },
      { stage: `${labels[key]}: areas (2 sessions)`, ms: t.areas_ms },
      {
        stage: `${labels[key]}: compute`,
        ms: t.compute_ms,
        note: `${(t.compute_ms / endToEndMs).toFixed(1)}× funkatlas end to end`,
      },
    );
  }
  const expert = times(peer.expert);
  const plain = times(peer.plain);
  return {
    stages,
    summary: {
      load_ms: peer.load * 1000,
      expert,
      plain,
      funkatlas_speedup: expert.compute_ms / endToEndMs,
      funkatlas_speedup_vs_plain: plain.compute_ms / endToEndMs,
    },
  };
}
