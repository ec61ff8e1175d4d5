/*
 * The C floor: classifyRange's grid scheme and countRange's tally in C (gcc -O2), over the arrays
 * bench/floor/c-floor.ts dumps. Usage: floor DIR POINTS RUNS WARMUP — POINTS names the point files
 * (DIR/POINTS-lon, -lat, -weight). Writes DIR/POINTS-mask and -region, prints each timed run's ms.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *dir;

static void *load(const char *name, size_t *bytes) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(1); }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  void *b = malloc(size + 16);
  if (fread(b, 1, size, f) != (size_t)size) { perror(path); exit(1); }
  fclose(f);
  if (bytes) *bytes = size;
  return b;
}

static void save(const char *name, const void *data, size_t bytes) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, bytes, f) != bytes) { perror(path); exit(1); }
  fclose(f);
}

/* A polygon set with its grid and edge bands, as in ClassifyInput. */
typedef struct {
  double x0, y0, perX, perY;
  int cols, rows;
  int32_t *full, *firstBand;
  uint32_t *edgeOffset, *edgePolygons, *owner, *ringStart, *ringOffset, *bandOffset, *bandEdges, *bandCount;
  double *bbox, *coords, *minY, *height;
} Set;

static Set loadSet(const char *pre) {
  Set s;
  char n[64];
#define LOAD(field, name) snprintf(n, sizeof n, "%s-%s", pre, name); s.field = load(n, 0);
  LOAD(full, "full") LOAD(firstBand, "firstBand") LOAD(edgeOffset, "edgeOffset") LOAD(edgePolygons, "edgePolygons")
  LOAD(owner, "owner") LOAD(ringStart, "ringStart") LOAD(ringOffset, "ringOffset") LOAD(bandOffset, "bandOffset")
  LOAD(bandEdges, "bandEdges") LOAD(bandCount, "bandCount") LOAD(bbox, "bbox") LOAD(coords, "coords")
  LOAD(minY, "minY") LOAD(height, "height")
  snprintf(n, sizeof n, "%s-spec", pre);
  double *spec = load(n, 0);
  s.x0 = spec[0]; s.y0 = spec[1]; s.perX = 1 / spec[2]; s.perY = 1 / spec[3];
  s.cols = (int)spec[4]; s.rows = (int)spec[5];
  free(spec);
  return s;
}

static const double BOUND = (3.0 + 16.0 * 1.1102230246251565e-16) * 1.1102230246251565e-16;

/* orient2d's fast path; past its bound, long double (the bench compares every answer with classifyRange). */
static inline double orient(double ax, double ay, double bx, double by, double x, double y) {
  double l = (ay - y) * (bx - x), r = (ax - x) * (by - y), d = l - r;
  if (fabs(d) >= BOUND * fabs(l + r)) return d;
  long double L = ((long double)ay - y) * ((long double)bx - x), R = ((long double)ax - x) * ((long double)by - y);
  return (double)(L - R);
}

/* point-in-polygon.ts's `crossing`: 0 misses, 1 crosses the ray, 2 on the edge. */
static inline int crossing(const double *c, uint32_t v, double x, double y) {
  double ax = c[2 * v], ay = c[2 * v + 1], bx = c[2 * v + 2], by = c[2 * v + 3];
  if ((ay > y) != (by > y)) {
    if (ax < x && bx < x) return 0;
    if (ax > x && bx > x) return 1;
    double o = orient(ax, ay, bx, by, x, y);
    if (o == 0) return 2;
    return ((o < 0) == (by > ay)) ? 1 : 0;
  }
  if (ay == y) {
    if (by == y ? (((ax <= x) != (bx < x)) || ax == x || bx == x) : ax == x) return 2;
  } else if (by == y && bx == x) return 2;
  return 0;
}

static inline int covers(const Set *s, uint32_t p, double x, double y) {
  int inside = 0;
  if (s->firstBand[p] >= 0) {
    double b0 = floor((y - s->minY[p]) / s->height[p]);
    int b = b0 < 0 ? 0 : b0 >= s->bandCount[p] ? (int)s->bandCount[p] - 1 : (int)b0;
    int band = s->firstBand[p] + b;
    for (uint32_t k = s->bandOffset[band]; k < s->bandOffset[band + 1]; k++) {
      int e = crossing(s->coords, s->bandEdges[k], x, y);
      if (e == 2) return 1;
      inside ^= e;
    }
    return inside;
  }
  if (s->ringStart[p + 1] == s->ringStart[p] + 1) {
    /* One ring (a sector): the straddle test inline, a vertex on y goes edge by edge. */
    const double *c = s->coords;
    uint32_t f = s->ringOffset[s->ringStart[p]], e = s->ringOffset[s->ringStart[p] + 1];
    double ax = c[2 * f], ay = c[2 * f + 1];
    for (uint32_t v = f + 1; v < e; v++) {
      double bx = c[2 * v], by = c[2 * v + 1], side = (ay - y) * (by - y);
      if (side < 0) {
        if (ax > x && bx > x) inside ^= 1;
        else if (!(ax < x && bx < x)) {
          double o = orient(ax, ay, bx, by, x, y);
          if (o == 0) return 1;
          if ((o < 0) == (by > ay)) inside ^= 1;
        }
      } else if (side == 0) goto byEdge;
      ax = bx; ay = by;
    }
    return inside;
  }
byEdge:
  inside = 0;
  for (uint32_t r = s->ringStart[p]; r < s->ringStart[p + 1]; r++)
    for (uint32_t v = s->ringOffset[r]; v + 1 < s->ringOffset[r + 1]; v++) {
      int e = crossing(s->coords, v, x, y);
      if (e == 2) return 1;
      inside ^= e;
    }
  return inside;
}

static double nowMs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
  if (argc < 5) { fprintf(stderr, "usage: floor DIR POINTS RUNS WARMUP\n"); return 2; }
  dir = argv[1];
  const char *pts = argv[2];
  int runs = atoi(argv[3]), warmup = atoi(argv[4]);
  char n[256];
  size_t bytes;
  snprintf(n, sizeof n, "%s-lon", pts); double *lon = load(n, &bytes);
  snprintf(n, sizeof n, "%s-lat", pts); double *lat = load(n, 0);
  snprintf(n, sizeof n, "%s-weight", pts); uint32_t *weight = load(n, 0);
  double *meta = load("meta", 0);
  int regionCount = (int)meta[0], layerCount = (int)meta[1];
  size_t count = bytes / 8, masks = (size_t)1 << layerCount, outside = regionCount * masks;
  Set C = loadSet("c"), R = loadSet("r");
  uint32_t *mask = malloc(count * 4 + 4);
  int32_t *region = malloc(count * 4 + 4);
  double *tallyWeight = malloc((outside + 1) * 8), *tallyPoints = malloc((outside + 1) * 8);
  double sink = 0;
  for (int rep = 0; rep < warmup + runs; rep++) {
    double t0 = nowMs();
    for (size_t i = 0; i < count; i++) {
      double x = lon[i], y = lat[i];
      uint32_t m = 0;
      double fc = (x - C.x0) * C.perX, fr = (y - C.y0) * C.perY;
      if (fc >= 0 && fr >= 0 && fc < C.cols && fr < C.rows) {
        int cell = (int)fr * C.cols + (int)fc;
        m = C.full[cell];
        for (uint32_t k = C.edgeOffset[cell]; k < C.edgeOffset[cell + 1]; k++) {
          uint32_t p = C.edgePolygons[k], bit = 1u << C.owner[p];
          if (m & bit) continue;
          const double *b = C.bbox + 4 * p;
          if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) continue;
          if (covers(&C, p, x, y)) m |= bit;
        }
      }
      mask[i] = m;
    }
    memset(tallyWeight, 0, (outside + 1) * 8);
    memset(tallyPoints, 0, (outside + 1) * 8);
    for (size_t i = 0; i < count; i++) {
      double x = lon[i], y = lat[i];
      int reg = -1;
      double fc = (x - R.x0) * R.perX, fr = (y - R.y0) * R.perY;
      if (fc >= 0 && fr >= 0 && fc < R.cols && fr < R.rows) {
        int cell = (int)fr * R.cols + (int)fc;
        reg = R.full[cell];
        for (uint32_t k = R.edgeOffset[cell]; k < R.edgeOffset[cell + 1]; k++) {
          uint32_t p = R.edgePolygons[k];
          int o = (int)R.owner[p];
          if ((reg == -1 || o < reg) && covers(&R, p, x, y)) reg = o;
        }
      }
      region[i] = reg;
      size_t slot = reg < 0 ? outside : reg * masks + mask[i];
      tallyWeight[slot] += weight[i];
      tallyPoints[slot] += 1;
    }
    double ms = nowMs() - t0;
    sink += tallyPoints[outside];
    if (rep >= warmup) printf("%s%.3f", rep > warmup ? " " : "", ms);
  }
  printf("\n");
  snprintf(n, sizeof n, "%s-mask", pts); save(n, mask, count * 4);
  snprintf(n, sizeof n, "%s-region", pts); save(n, region, count * 4);
  snprintf(n, sizeof n, "%s-tally", pts); save(n, tallyWeight, (outside + 1) * 8);
  return sink < 0;
}
