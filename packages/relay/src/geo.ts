/**
 * Bounding boxes of circles on the sphere, for the `near` pre-filter. A box always contains its circle, so
 * two circles that overlap always have overlapping boxes; the exact test (haversine, filter.ts) follows.
 */

/** Latitudes and longitudes in degrees; `west` <= `east` (a box that would cross the antimeridian spans all longitudes). */
export interface Box {
  south: number;
  north: number;
  west: number;
  east: number;
}

const EARTH_RADIUS_KM = 6371.0088;
// Widens every box a little, so rounding in the trigonometry never leaves a point on the edge outside.
const MARGIN_DEG = 1e-6;
const DEG = 180 / Math.PI;

/**
 * The smallest latitude/longitude box that contains the circle of `radiusKm` around (lat, lon).
 *
 * @example
 * circleBox(38.72, -9.14, 25); // { south: 38.495.., north: 38.944.., west: -9.428.., east: -8.851.. }
 */
export function circleBox(lat: number, lon: number, radiusKm: number): Box {
  const angle = radiusKm / EARTH_RADIUS_KM;
  const dLat = angle * DEG + MARGIN_DEG;
  const south = lat - dLat;
  const north = lat + dLat;
  // A circle that reaches a pole contains every longitude near it.
  if (north >= 90 || south <= -90 || angle >= Math.PI / 2) {
    return { south: Math.max(-90, south), north: Math.min(90, north), west: -180, east: 180 };
  }
  // The widest longitude a circle reaches off the meridian of its centre: asin(sin r / cos lat).
  const dLon = Math.asin(Math.min(1, Math.sin(angle) / Math.cos(lat / DEG))) * DEG + MARGIN_DEG;
  const west = lon - dLon;
  const east = lon + dLon;
  if (west < -180 || east > 180) return { south, north, west: -180, east: 180 };
  return { south, north, west, east };
}
