-- funkatlas's per-region numbers, computed independently in PostGIS (see scripts/postgis/check.sh).
--
-- Input tables, as ogr2ogr loaded them (fid = feature/row order in the file, geom in EPSG:4326):
--   households_raw(fid, geom POINT, [households])
--   coverage_raw(fid, geom MULTIPOLYGON, operator, technology, ...)
--   regions_raw(fid, geom MULTIPOLYGON, <properties>)
-- psql variables:
--   step      prepare | areas | report (expert also: unions, pieces, index, join, finish)
--   method    expert | plain: the schema the step works in (both run from the same raw tables)
--   rid_expr  SQL for the region id column of regions_raw (e.g. "AGS"::text, or NULL::text)
--   w_expr    SQL for a household's weight (e.g. households::text, or NULL::text when there is no column)
--   part, parts   (step areas) this session measures the regions with ord % parts = part
--   out       (step report) file the JSON report is written to
--
-- Semantics (funkatlas's): every Polygon of a MultiPolygon is its own polygon; a point is covered by
-- a polygon if ST_Intersects (planar lon/lat, the boundary counts); a household belongs to the first
-- region in file order that covers it. Areas are ellipsoidal (ST_Area on geography). The overlays
-- take the coverage parts whose bounding box meets the region's (extra parts do not change the
-- intersection or difference with the region).
--
-- method expert: scripts/postgis/expert.sql. method plain: every coverage part joined to every point,
-- the overlays per region from the raw parts.
\set ON_ERROR_STOP on
SELECT :'step' = 'prepare' AS step_prepare, :'step' = 'areas' AS step_areas,
       :'step' = 'report' AS step_report, :'method' = 'expert' AS expert \gset
SET client_min_messages = warning;
\if :step_prepare
DROP SCHEMA IF EXISTS :method CASCADE;
CREATE SCHEMA :method;
\endif
SET search_path = :method, public;

\if :step_prepare

CREATE TABLE r AS
  SELECT row_number() OVER (ORDER BY fid)::int AS ord, :rid_expr AS rid, geom
  FROM regions_raw;
-- Region parts, for the point tests.
CREATE TABLE rp AS SELECT ord, (ST_Dump(geom)).geom AS geom FROM r;

CREATE TABLE h AS
  SELECT fid AS hid, COALESCE(NULLIF(trim(:w_expr), ''), '1')::bigint AS w, geom
  FROM households_raw;

-- Coverage parts with the normalised technology (funkatlas: trim + lower case + aliases).
CREATE TABLE cp AS
  SELECT trim(operator::text) AS operator,
         CASE lower(trim(technology::text))
           WHEN '4g' THEN 'lte'
           WHEN 'nr' THEN '5g' WHEN '5g-nsa' THEN '5g' WHEN '5g-sa' THEN '5g' WHEN '5g-dss' THEN '5g'
           ELSE lower(trim(technology::text))
         END AS tech,
         (ST_Dump(geom)).geom AS geom
  FROM coverage_raw;

-- ST_MakeValid only where GEOS needs it (the overlays); the point tests use the geometry as given.
ALTER TABLE cp ADD COLUMN valid boolean;
UPDATE cp SET valid = ST_IsValid(geom);
ALTER TABLE r ADD COLUMN valid boolean;
UPDATE r SET valid = ST_IsValid(geom);

\if :expert
-- the expert's tables: scripts/postgis/expert.sql, included below
\else
CREATE INDEX ON rp USING gist (geom);
CREATE INDEX ON h USING gist (geom);
CREATE INDEX ON cp USING gist (geom);
ANALYZE r; ANALYZE rp; ANALYZE h; ANALYZE cp;

-- Each household's region: the first (file order) region part that covers it.
CREATE TABLE hr AS
  SELECT DISTINCT ON (h.hid) h.hid, rp.ord
  FROM h JOIN rp ON ST_Intersects(rp.geom, h.geom)
  ORDER BY h.hid, rp.ord;

-- The layers (operator, technology) covering each household in a region.
CREATE TABLE hc AS
  SELECT DISTINCT h.hid, cp.operator, cp.tech
  FROM hr JOIN h USING (hid) JOIN cp ON ST_Intersects(cp.geom, h.geom);
\endif

CREATE TABLE areas (ord int PRIMARY KEY, area_m2 float8, area_5g_m2 float8, dead_zone_m2 float8);
\endif

\if :expert
\ir expert.sql
\elif :step_areas
INSERT INTO areas
SELECT r.ord,
       ST_Area(r.geom::geography),
       COALESCE(ST_Area(ST_CollectionExtract(ST_Intersection(rg.geom, nr.u), 3)::geography), 0),
       CASE WHEN lte.u IS NULL THEN ST_Area(r.geom::geography)
            ELSE ST_Area(ST_CollectionExtract(ST_Difference(rg.geom, lte.u), 3)::geography) END
FROM r
CROSS JOIN LATERAL (
  SELECT CASE WHEN r.valid THEN r.geom ELSE ST_UnaryUnion(ST_MakeValid(r.geom)) END AS geom
) rg
CROSS JOIN LATERAL (
  SELECT ST_Union(CASE WHEN cp.valid THEN cp.geom ELSE ST_MakeValid(cp.geom) END) AS u
  FROM cp WHERE cp.tech = 'lte' AND cp.geom && r.geom
) lte
CROSS JOIN LATERAL (
  SELECT ST_Union(CASE WHEN cp.valid THEN cp.geom ELSE ST_MakeValid(cp.geom) END) AS u
  FROM cp WHERE cp.tech = '5g' AND cp.geom && r.geom
) nr
WHERE r.ord % :parts = :part;
\endif

\if :step_report
CREATE TEMP TABLE hf AS
  SELECT hr.hid, hr.ord, h.w,
         COALESCE(bool_or(hc.tech = '5g'), false) AS any_5g,
         COALESCE(bool_or(hc.tech = 'lte'), false) AS any_lte,
         count(DISTINCT hc.operator) FILTER (WHERE hc.tech = 'lte') AS lte_operators
  FROM hr JOIN h USING (hid) LEFT JOIN hc USING (hid)
  GROUP BY hr.hid, hr.ord, h.w;

CREATE TEMP TABLE counts AS
  SELECT r.ord,
         COALESCE(sum(hf.w), 0) AS households,
         COALESCE(sum(hf.w) FILTER (WHERE hf.any_5g), 0) AS households_5g,
         COALESCE(sum(hf.w) FILTER (WHERE hf.any_lte), 0) AS households_lte,
         COALESCE(sum(hf.w) FILTER (WHERE hf.lte_operators = 0), 0) AS households_no_lte,
         COALESCE(sum(hf.w) FILTER (WHERE hf.lte_operators = 1), 0) AS households_single_lte
  FROM r LEFT JOIN hf USING (ord)
  GROUP BY r.ord;

-- Households per region and layer (operator × technology), every operator of the coverage listed.
CREATE TEMP TABLE layer_counts AS
  SELECT r.ord, o.operator, t.tech, COALESCE(sum(h.w), 0) AS households
  FROM r
  CROSS JOIN (SELECT DISTINCT operator FROM cp) o
  CROSS JOIN (SELECT DISTINCT tech FROM cp) t
  LEFT JOIN (hc JOIN hr USING (hid) JOIN h USING (hid))
    ON hr.ord = r.ord AND hc.operator = o.operator AND hc.tech = t.tech
  GROUP BY r.ord, o.operator, t.tech;

-- Households per region reached by a technology other than lte/5g (by at least one operator).
CREATE TEMP TABLE other_counts AS
  SELECT r.ord, t.tech, COALESCE(sum(h.w), 0) AS households
  FROM r
  CROSS JOIN (SELECT DISTINCT tech FROM cp WHERE tech NOT IN ('lte', '5g')) t
  LEFT JOIN ((SELECT DISTINCT hid, tech FROM hc) x JOIN hr USING (hid) JOIN h USING (hid))
    ON hr.ord = r.ord AND x.tech = t.tech
  GROUP BY r.ord, t.tech;

\o :out
SELECT json_build_object(
  'regions', (
    SELECT json_agg(json_build_object(
      'ord', r.ord,
      'rid', r.rid,
      'households', c.households,
      'households_5g', c.households_5g,
      'households_lte', c.households_lte,
      'households_no_lte', c.households_no_lte,
      'households_single_lte', c.households_single_lte,
      'area_km2', a.area_m2 / 1e6,
      'area_5g_km2', a.area_5g_m2 / 1e6,
      'lte_dead_zone_area_km2', a.dead_zone_m2 / 1e6,
      'operators', (
        SELECT json_object_agg(o.operator, json_build_object(
          'households_5g', COALESCE((SELECT households FROM layer_counts l
                                      WHERE l.ord = r.ord AND l.operator = o.operator AND l.tech = '5g'), 0),
          'households_lte', COALESCE((SELECT households FROM layer_counts l
                                       WHERE l.ord = r.ord AND l.operator = o.operator AND l.tech = 'lte'), 0)
        ) ORDER BY o.operator)
        FROM (SELECT DISTINCT operator FROM cp) o
      ),
      'other_technologies', (
        SELECT json_object_agg(oc.tech, json_build_object('households', oc.households) ORDER BY oc.tech)
        FROM other_counts oc WHERE oc.ord = r.ord
      )
    ) ORDER BY r.ord)
    FROM r JOIN counts c USING (ord) LEFT JOIN areas a USING (ord)
  ),
  'outside_regions', (
    SELECT json_build_object('points', count(*), 'households', COALESCE(sum(h.w), 0))
    FROM h WHERE NOT EXISTS (SELECT 1 FROM hr WHERE hr.hid = h.hid)
  ),
  'inputs', json_build_object(
    'household_points', (SELECT count(*) FROM h),
    'households', (SELECT sum(w) FROM h),
    'coverage_features', (SELECT count(*) FROM coverage_raw),
    'coverage_parts', (SELECT count(*) FROM cp),
    'region_features', (SELECT count(*) FROM r),
    'region_parts', (SELECT count(*) FROM rp),
    'layers', (SELECT json_agg(DISTINCT operator || '/' || tech) FROM cp)
  ),
  'made_valid', json_build_object(
    'coverage_parts', (SELECT count(*) FROM cp WHERE NOT valid),
    'regions', (SELECT count(*) FROM r WHERE NOT valid)
  ),
  'versions', json_build_object(
    'postgresql', current_setting('server_version'),
    'postgis', postgis_lib_version(),
    'geos', postgis_geos_version(),
    'proj', postgis_proj_version()
  )
);
\o
\endif
