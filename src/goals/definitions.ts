/**
 * The version of the definitions behind the numbers, written with them (summary.json, the history):
 * a new version when any meaning below changes.
 */
export const DEFINITIONS_VERSION = 'funkatlas-definitions/1';

/** What each term means in DEFINITIONS_VERSION: one sentence each, printed and documented as is. */
export const DEFINITIONS: Readonly<Record<string, string>> = Object.freeze({
  'white spot':
    'a household no operator covers with LTE (households_no_lte); 5G without LTE does not count, other technologies neither',
  'grey spot':
    'a household exactly one operator covers with LTE (households_single_lte): the narrow meaning of the BNetzA monitoring ' +
    'until 2021; later publications also call areas grey where one or two of three operators (4G or 5G) are present — ' +
    'funkatlas does not use that wider meaning',
  '5G household':
    'a household point inside or on the boundary of a 5G polygon of at least one operator (households_5g, share_5g)',
  '5G area':
    "the part of a region inside the union of all operators' 5G polygons, ellipsoidal km² (area_5g_km2, share_area_5g)",
  'Funkloch cell':
    'an inhabited grid cell (default 100 m in EPSG:25832, as the BNetzA grid) where fewer than 50 % of households have ' +
    'LTE from at least one operator (Mobilfunkpakt NRW 2019, 3G replaced by LTE); it belongs to the region containing its centre',
  'goal met':
    'the latest snapshot on or before the as-of date meets the goal, and so did the latest one on or before the ' +
    'deadline (else "met-late"); areas are compared to the square metre, area shares to 1e-9',
});
