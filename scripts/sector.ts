/**
 * A closed sector wedge in projected metres: the site, then the arc from azimuth - width/2 to
 * azimuth + width/2 (degrees clockwise from north) every 13° or less, then the site again.
 */
export function sectorWedge(
  x: number,
  y: number,
  azimuth: number,
  width: number,
  radius: number,
): [number, number][] {
  const steps = Math.ceil(width / 13);
  const ring: [number, number][] = [[x, y]];
  for (let k = 0; k <= steps; k++) {
    const bearing = ((azimuth - width / 2 + (width * k) / steps) * Math.PI) / 180;
    ring.push([x + radius * Math.sin(bearing), y + radius * Math.cos(bearing)]);
  }
  ring.push([x, y]);
  return ring;
}
