import {
  cost231Hata,
  hataOpenCorrection,
  hataSuburbanCorrection,
  hataUrban,
  mobileCorrectionLargeCity,
  mobileCorrectionSmallCity,
} from './hata.js';
import {
  halfLosDistance,
  rmaLos,
  rmaLosProbability,
  rmaNlos,
  umaLos,
  umaLosProbability,
  umaNlos,
} from './tr38901.js';

export const MODEL_NAMES = [
  'hata-urban',
  'hata-urban-large',
  'hata-suburban',
  'hata-open',
  'cost231-urban',
  'cost231-suburban',
  '38901-rma',
  '38901-uma',
] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export const ENVIRONMENTS = ['urban', 'suburban', 'open'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** A closed interval [min, max]. */
export type Range = readonly [number, number];

/** Where a model is published as valid: outside frequency or heights it is refused, outside distance extrapolated. */
export interface ModelRanges {
  frequencyMHz: Range;
  baseHeightM: Range;
  mobileHeightM: Range;
  distanceM: Range;
}

/** Path loss in dB at a ground distance in metres, for one site's frequency and heights. */
export type LossAtDistance = (distanceM: number) => number;

export interface PathLossModel {
  name: ModelName;
  ranges: ModelRanges;
  /** The publication, for predict.json. */
  source: string;
  /** The loss along the ground for this band and these heights (checked against `ranges` before). */
  loss(fMHz: number, baseM: number, mobileM: number): LossAtDistance;
}

const HATA: ModelRanges = {
  frequencyMHz: [150, 1500],
  baseHeightM: [30, 200],
  mobileHeightM: [1, 10],
  distanceM: [1000, 20000],
};
const COST231: ModelRanges = { ...HATA, frequencyMHz: [1500, 2000] };
// NLOS ranges (10 m–5 km): the LOS/NLOS choice below makes every edge beyond ~70 m (UMa) or ~700 m (RMa) NLOS.
const RMA: ModelRanges = {
  frequencyMHz: [500, 30000],
  baseHeightM: [10, 150],
  mobileHeightM: [1, 10],
  distanceM: [10, 5000],
};
// TR 38.901 gives UMa for hBS = 25 m only; we take RMa's 10–150 m, so heights far from 25 m stretch it.
const UMA: ModelRanges = {
  frequencyMHz: [500, 100000],
  baseHeightM: [10, 150],
  mobileHeightM: [1.5, 22.5],
  distanceM: [10, 5000],
};

const HATA_SOURCE = 'Hata 1980, IEEE Trans. Veh. Technol. VT-29(3), Okumura-Hata';
const COST_SOURCE = 'COST Action 231 final report (1999) §4.4.3, COST-231 Hata';
const TR_SOURCE = '3GPP TR 38.901 V17.0.0 Table 7.4.1-1, LOS probability Table 7.4.2-1';

/** LOS within the distance where the LOS probability falls to 0.5, NLOS (max(LOS, NLOS')) beyond: deterministic. */
const RMA_HALF_LOS = halfLosDistance(rmaLosProbability);

export const MODELS: Record<ModelName, PathLossModel> = {
  'hata-urban': {
    name: 'hata-urban',
    ranges: HATA,
    source: `${HATA_SOURCE}, urban, small/medium-city a(hm)`,
    loss: (f, hb, hm) => {
      const a = mobileCorrectionSmallCity(f, hm);
      return (d) => hataUrban(f, hb, d, a);
    },
  },
  'hata-urban-large': {
    name: 'hata-urban-large',
    ranges: HATA,
    source: `${HATA_SOURCE}, urban, large-city a(hm)`,
    loss: (f, hb, hm) => {
      const a = mobileCorrectionLargeCity(f, hm);
      return (d) => hataUrban(f, hb, d, a);
    },
  },
  'hata-suburban': {
    name: 'hata-suburban',
    ranges: HATA,
    source: `${HATA_SOURCE}, suburban`,
    loss: (f, hb, hm) => {
      const a = mobileCorrectionSmallCity(f, hm);
      const c = hataSuburbanCorrection(f);
      return (d) => hataUrban(f, hb, d, a) + c;
    },
  },
  'hata-open': {
    name: 'hata-open',
    ranges: HATA,
    source: `${HATA_SOURCE}, open area`,
    loss: (f, hb, hm) => {
      const a = mobileCorrectionSmallCity(f, hm);
      const c = hataOpenCorrection(f);
      return (d) => hataUrban(f, hb, d, a) + c;
    },
  },
  'cost231-urban': {
    name: 'cost231-urban',
    ranges: COST231,
    source: `${COST_SOURCE}, metropolitan centre (Cm = 3 dB)`,
    loss: (f, hb, hm) => {
      const a = mobileCorrectionSmallCity(f, hm);
      return (d) => cost231Hata(f, hb, d, a, 3);
    },
  },
  'cost231-suburban': {
    name: 'cost231-suburban',
    ranges: COST231,
    source: `${COST_SOURCE}, medium city and suburban (Cm = 0 dB)`,
    loss: (f, hb, hm) => {
      const a = mobileCorrectionSmallCity(f, hm);
      return (d) => cost231Hata(f, hb, d, a, 0);
    },
  },
  '38901-rma': {
    name: '38901-rma',
    ranges: RMA,
    source: `${TR_SOURCE}, RMa (h = 5 m, W = 20 m); LOS within ${Math.round(RMA_HALF_LOS)} m (P_LOS = 0.5), NLOS beyond`,
    loss: (f, hb, hm) => {
      const fc = f / 1000;
      return (d) => (d <= RMA_HALF_LOS ? rmaLos(fc, hb, hm, d) : rmaNlos(fc, hb, hm, d));
    },
  },
  '38901-uma': {
    name: '38901-uma',
    ranges: UMA,
    source: `${TR_SOURCE}, UMa (h_E = 1 m); LOS within the P_LOS = 0.5 distance (≈70 m at 1.5 m), NLOS beyond`,
    loss: (f, hb, hm) => {
      const fc = f / 1000;
      const halfLos = halfLosDistance((d) => umaLosProbability(d, hm));
      return (d) => (d <= halfLos ? umaLos(fc, hb, hm, d) : umaNlos(fc, hb, hm, d));
    },
  },
};

/** `--model auto`: Hata to 1500 MHz, COST-231 to 2000 MHz, TR 38.901 above (UMa in cities, RMa elsewhere). */
export function autoModel(bandMHz: number, environment: Environment): ModelName {
  if (bandMHz <= 1500)
    return environment === 'urban'
      ? 'hata-urban'
      : environment === 'suburban'
        ? 'hata-suburban'
        : 'hata-open';
  // COST-231 has no open-area form: open land takes its suburban one (Cm = 0).
  if (bandMHz <= 2000) return environment === 'urban' ? 'cost231-urban' : 'cost231-suburban';
  return environment === 'urban' ? '38901-uma' : '38901-rma';
}
