-- The expert's PostGIS query (included by metrics.sql when method = expert; tables in schema expert).
-- Per layer (operator × technology) ST_Subdivide(ST_Union(geom), 128) under a GiST index, the points
-- joined against those pieces; regions joined whole (PostGIS prepares a geometry repeated across calls);
-- 5G area and dead zones from the per-technology union of the same layer unions, subdivided.
-- Steps after prepare: unions, pieces, join and areas run in `parts` sessions (the planner does not
-- parallelise aggregates of PostGIS geometries or lateral joins); index and finish in one.
SELECT :'step' = 'unions' AS step_unions, :'step' = 'pieces' AS step_pieces,
       :'step' = 'index' AS step_index, :'step' = 'join' AS step_join,
       :'step' = 'finish' AS step_finish \gset

\if :step_prepare
CREATE INDEX ON r USING gist (geom);
CREATE INDEX ON h USING gist (geom);
ANALYZE r; ANALYZE h;
-- Layers numbered by size, so taking every parts-th one balances the sessions.
CREATE TABLE layers AS
  SELECT row_number() OVER (ORDER BY count(*) DESC)::int AS k, operator, tech FROM cp GROUP BY operator, tech;
CREATE TABLE lw (operator text, tech text, geom geometry);
CREATE TABLE lu (id serial, operator text, tech text, geom geometry);
CREATE TABLE tu (tech text, geom geometry);
CREATE TABLE rs (ord int, geom geometry);
CREATE TABLE hc_raw (hid bigint, operator text, tech text);

-- Each household's region: the first (file order) region that covers it, regions whole.
CREATE TABLE hr AS
  SELECT DISTINCT ON (x.hid) x.hid, r.ord
  FROM r CROSS JOIN LATERAL (SELECT h.hid FROM h WHERE ST_Intersects(r.geom, h.geom) OFFSET 0) x
  ORDER BY x.hid, r.ord;
\endif

\if :step_unions
-- One union per layer: a point is covered by a layer iff it intersects the union of its parts.
INSERT INTO lw
  SELECT cp.operator, cp.tech,
         ST_Union(CASE WHEN valid THEN geom ELSE ST_CollectionExtract(ST_MakeValid(geom), 3) END)
  FROM cp JOIN layers l ON l.operator = cp.operator AND l.tech = cp.tech
  WHERE l.k % :parts = :part
  GROUP BY cp.operator, cp.tech;
\endif

\if :step_pieces
-- Pieces of ≤ 128 vertices: cheap point tests and tight boxes in the index.
INSERT INTO lu (operator, tech, geom)
  SELECT lw.operator, lw.tech, ST_Subdivide(lw.geom, 128)
  FROM lw JOIN layers l USING (operator, tech) WHERE l.k % :parts = :part;
-- Per technology the union over operators: its pieces do not overlap, so their areas add up.
INSERT INTO tu
  SELECT tech, ST_Subdivide(ST_Union(geom), 128)
  FROM lw WHERE tech = (ARRAY['lte', '5g'])[:part % 2 + 1] AND :part < 2
  GROUP BY tech;
-- Region pieces for the overlays only; the point join uses the regions whole.
INSERT INTO rs
  SELECT ord, ST_Subdivide(CASE WHEN valid THEN geom ELSE ST_UnaryUnion(ST_MakeValid(geom)) END, 128)
  FROM r WHERE ord % :parts = :part;
\endif

\if :step_index
CREATE INDEX ON lu USING gist (geom);
CREATE INDEX ON tu USING gist (geom);
CREATE INDEX ON rs USING gist (geom);
ANALYZE lu; ANALYZE tu; ANALYZE rs;
\endif

\if :step_join
-- Piece outside, points inside: the piece repeats across calls, so PostGIS caches its prepared form.
INSERT INTO hc_raw
  SELECT x.hid, lu.operator, lu.tech
  FROM lu CROSS JOIN LATERAL (SELECT h.hid FROM h WHERE ST_Intersects(lu.geom, h.geom) OFFSET 0) x
  WHERE lu.id % :parts = :part;
\endif

\if :step_areas
-- 5G: a piece inside the region piece counts whole, others by their intersection; dead zones: the
-- region piece minus the LTE pieces that meet it (a subtraction of areas loses the small ones).
INSERT INTO areas
SELECT r.ord, ST_Area(r.geom::geography), COALESCE(c.nr, 0), COALESCE(c.dead, 0)
FROM r LEFT JOIN (
  SELECT rs.ord, sum(nr.a) AS nr, sum(dead.a) AS dead
  FROM rs
  CROSS JOIN LATERAL (
    SELECT sum(CASE WHEN ST_Contains(rs.geom, tu.geom) THEN ST_Area(tu.geom::geography)
                    ELSE ST_Area(ST_CollectionExtract(ST_Intersection(rs.geom, tu.geom), 3)::geography) END) AS a
    FROM tu WHERE tu.tech = '5g' AND tu.geom && rs.geom
  ) nr
  CROSS JOIN LATERAL (
    SELECT ST_Area(ST_CollectionExtract(COALESCE(ST_Difference(rs.geom, ST_Union(tu.geom)), rs.geom), 3)::geography) AS a
    FROM tu WHERE tu.tech = 'lte' AND tu.geom && rs.geom
  ) dead
  WHERE rs.ord % :parts = :part
  GROUP BY rs.ord
) c USING (ord)
WHERE r.ord % :parts = :part;
\endif

\if :step_finish
-- A point on the cut between two pieces of a layer was found by both.
CREATE TABLE hc AS SELECT DISTINCT hid, operator, tech FROM hc_raw;
\endif
