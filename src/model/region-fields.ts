/** The property with a region's key when none is named (GeoJSON's feature `id` stands in for it). */
export const DEFAULT_REGION_ID = 'id';

/** The properties tried, in order, for a region's name when none is named; else the ids are the names. */
export const REGION_NAME_PROPERTIES = ['name', 'GN', 'GEN', 'NAME'] as const;
