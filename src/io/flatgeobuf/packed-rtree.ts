import { NODE_BYTES } from './format.js';

/**
 * FlatGeobuf's packed Hilbert R-tree: the same tree as flatbush (items sorted by the Hilbert value of
 * their box centres, parents over runs of `nodeSize` children), but stored root first: the levels
 * top-down, each node 40 bytes (minX, minY, maxX, maxY f64, offset u64). A leaf's offset is its
 * feature's byte offset in the features section; a parent's is the node index of its first child.
 */

/** Nodes per level, leaves first (bottom-up). */
function levelSizes(numItems: number, nodeSize: number): number[] {
  const sizes = [numItems];
  let n = numItems;
  do {
    n = Math.ceil(n / nodeSize);
    sizes.push(n);
  } while (n !== 1);
  return sizes;
}

/** The index's size in bytes (as the reference `calcTreeSize`: a node size below 2 counts as 2). */
export function treeBytes(numItems: number, nodeSize: number): number {
  if (numItems === 0 || nodeSize === 0) return 0;
  const size = Math.min(Math.max(nodeSize, 2), 0xffff);
  return levelSizes(numItems, size).reduce((a, b) => a + b, 0) * NODE_BYTES;
}

/** [first, end) node index of each level in storage order, leaves first. */
export function levelBounds(numItems: number, nodeSize: number): [number, number][] {
  const sizes = levelSizes(numItems, nodeSize);
  let end = sizes.reduce((a, b) => a + b, 0);
  return sizes.map((size) => {
    const bounds: [number, number] = [end - size, end];
    end -= size;
    return bounds;
  });
}

/** Item indices in Hilbert order of their box centres; `boxes` is [minX, minY, maxX, maxY] per item. */
export function hilbertOrder(boxes: Float64Array): Uint32Array {
  const n = boxes.length / 4;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, boxes[4 * i]);
    minY = Math.min(minY, boxes[4 * i + 1]);
    maxX = Math.max(maxX, boxes[4 * i + 2]);
    maxY = Math.max(maxY, boxes[4 * i + 3]);
  }
  const hilbertMax = 0xffff;
  // A zero extent (one item, or all at one point) would divide by zero; any order is then right.
  const sx = maxX > minX ? hilbertMax / (maxX - minX) : 0;
  const sy = maxY > minY ? hilbertMax / (maxY - minY) : 0;
  const values = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const x = Math.floor(sx * ((boxes[4 * i] + boxes[4 * i + 2]) / 2 - minX));
    const y = Math.floor(sy * ((boxes[4 * i + 1] + boxes[4 * i + 3]) / 2 - minY));
    values[i] = hilbert(x, y);
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Ties keep file order (sort is stable), so equal inputs give byte-identical files.
  return order.sort((a, b) => values[a] - values[b]);
}

/**
 * The index bytes for items already in Hilbert order: `boxes` in that order, `offsets[i]` the byte
 * offset of item i's feature in the features section.
 */
export function buildTree(boxes: Float64Array, offsets: readonly number[], nodeSize: number): Buffer {
  const n = offsets.length;
  const levels = levelBounds(n, nodeSize);
  // Leaves are stored last, so the end of their level is the node count.
  const numNodes = levels[0][1];
  const nodes = new Float64Array(numNodes * 4);
  const refs = new Array<number>(numNodes).fill(0);
  const [leafStart] = levels[0];
  for (let i = 0; i < n; i++) {
    nodes.set(boxes.subarray(4 * i, 4 * i + 4), 4 * (leafStart + i));
    refs[leafStart + i] = offsets[i];
  }
  // Each parent covers the next run of `nodeSize` nodes of the level below.
  for (let l = 1; l < levels.length; l++) {
    const [childStart, childEnd] = levels[l - 1];
    const [start] = levels[l];
    for (let c = childStart, p = start; c < childEnd; c += nodeSize, p++) {
      let minX = Number.POSITIVE_INFINITY;
      let minY = Number.POSITIVE_INFINITY;
      let maxX = Number.NEGATIVE_INFINITY;
      let maxY = Number.NEGATIVE_INFINITY;
      for (let k = c; k < Math.min(c + nodeSize, childEnd); k++) {
        minX = Math.min(minX, nodes[4 * k]);
        minY = Math.min(minY, nodes[4 * k + 1]);
        maxX = Math.max(maxX, nodes[4 * k + 2]);
        maxY = Math.max(maxY, nodes[4 * k + 3]);
      }
      nodes.set([minX, minY, maxX, maxY], 4 * p);
      refs[p] = c;
    }
  }
  const bytes = Buffer.alloc(numNodes * NODE_BYTES);
  for (let k = 0; k < numNodes; k++) {
    for (let j = 0; j < 4; j++) bytes.writeDoubleLE(nodes[4 * k + j], k * NODE_BYTES + 8 * j);
    bytes.writeBigUInt64LE(BigInt(refs[k]), k * NODE_BYTES + 32);
  }
  return bytes;
}

/** Position of (x, y) on a 2^16 × 2^16 Hilbert curve (the public-domain bit-twiddling of rawrunprotected, as in flatbush). */
function hilbert(x: number, y: number): number {
  let a = x ^ y;
  let b = 0xffff ^ a;
  let c = 0xffff ^ (x | y);
  let d = x & (y ^ 0xffff);
  let A = a | (b >> 1);
  let B = (a >> 1) ^ a;
  let C = c ^ ((c >> 1) ^ (b & (d >> 1)));
  let D = d ^ ((a & (c >> 1)) ^ (d >> 1));
  a = (A & (A >> 2)) ^ (B & (B >> 2));
  b = (A & (B >> 2)) ^ (B & ((A ^ B) >> 2));
  c = C ^ ((A & (C >> 2)) ^ (B & (D >> 2)));
  d = D ^ ((B & (C >> 2)) ^ ((A ^ B) & (D >> 2)));
  A = (a & (a >> 4)) ^ (b & (b >> 4));
  B = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4));
  C = c ^ ((a & (c >> 4)) ^ (b & (d >> 4)));
  D = d ^ ((b & (c >> 4)) ^ ((a ^ b) & (d >> 4)));
  c = C ^ ((A & (C >> 8)) ^ (B & (D >> 8)));
  d = D ^ ((B & (C >> 8)) ^ ((A ^ B) & (D >> 8)));
  c ^= c >> 1;
  d ^= d >> 1;
  a = x ^ y;
  b = d | (0xffff ^ (a | c));
  a = (a | (a << 8)) & 0x00ff00ff;
  a = (a | (a << 4)) & 0x0f0f0f0f;
  a = (a | (a << 2)) & 0x33333333;
  a = (a | (a << 1)) & 0x55555555;
  b = (b | (b << 8)) & 0x00ff00ff;
  b = (b | (b << 4)) & 0x0f0f0f0f;
  b = (b | (b << 2)) & 0x33333333;
  b = (b | (b << 1)) & 0x55555555;
  return ((b << 1) | a) >>> 0;
}

/**
 * The items (as leaf positions 0…numItems-1, i.e. in Hilbert order) whose boxes intersect `box`,
 * searched top-down as GDAL does; `tree` is the index as stored. For tests and future bbox reads.
 */
export function searchTree(
  tree: Buffer,
  numItems: number,
  nodeSize: number,
  box: readonly [number, number, number, number],
): { item: number; offset: number }[] {
  const levels = levelBounds(numItems, nodeSize);
  const leafStart = levels[0][0];
  const found: { item: number; offset: number }[] = [];
  // Each entry: the first node of a run of siblings and the level the run is on.
  const stack: [number, number][] = [[0, levels.length - 1]];
  while (stack.length > 0) {
    const [first, level] = stack.pop() as [number, number];
    const end = Math.min(first + nodeSize, levels[level][1]);
    for (let node = first; node < end; node++) {
      const at = node * NODE_BYTES;
      if (
        box[2] < tree.readDoubleLE(at) ||
        box[3] < tree.readDoubleLE(at + 8) ||
        box[0] > tree.readDoubleLE(at + 16) ||
        box[1] > tree.readDoubleLE(at + 24)
      )
        continue;
      const offset = Number(tree.readBigUInt64LE(at + 32));
      if (node >= leafStart) found.push({ item: node - leafStart, offset });
      else stack.push([offset, level - 1]);
    }
  }
  return found.sort((a, b) => a.item - b.item);
}
