/**
 * A hierarchical latitude/longitude grid for indexing circles on the sphere. Level `L` cuts latitude
 * [-90, 90] into 2^L rows and longitude [-180, 180) into 2^L columns; a cell of level L holds exactly the
 * four cells of level L+1 below it, so a cell's ancestor is found by shifting its row and column.
 *
 * A circle is covered at the finest level where it spans at most MAX_COVER_CELLS cells. The cover is
 * conservative: every point within the circle lies in one of its cells, so two circles that overlap
 * always share a point, and that point's cells link them at some level.
 */

/** A circle: centre in degrees, radius in kilometres. */
export interface Circle {
  lat: number;
  lon: number;
  radiusKm: number;
}

/** The cells of one level that together contain a circle. A cell is `row * 2^level + column`. */
export interface Cover {
  level: number;
  cells: number[];
}

/** The finest level: cells of about 4.9 km by 9.8 km at the equator. */
export const MAX_LEVEL = 12;
/** Most cells a circle may span at the level it is indexed at. */
export const MAX_COVER_CELLS = 4;

// A radius slightly below the one distanceKm uses makes every angular extent a little larger, and the
// margin absorbs rounding, so the cover never misses a point the exact distance check would accept.
const COVER_EARTH_RADIUS_KM = 6371;
const MARGIN_DEG = 1e-6;
const DEG = 180 / Math.PI;

interface Box {
  latMin: number;
  latMax: number;
  /** Undefined when the circle spans every longitude (it holds a pole, or wraps the globe). */
  lon?: { min: number; max: number };
}

function boundingBox(circle: Circle): Box {
  const angle = circle.radiusKm / COVER_EARTH_RADIUS_KM;
  const dLat = angle * DEG + MARGIN_DEG;
  const latMin = circle.lat - dLat;
  const latMax = circle.lat + dLat;
  if (latMin <= -90 || latMax >= 90) return { latMin: Math.max(latMin, -90), latMax: Math.min(latMax, 90) };
  // The widest longitude a spherical cap reaches, when it holds no pole.
  const dLon = Math.asin(Math.min(1, Math.sin(angle) / Math.cos(circle.lat / DEG))) * DEG + MARGIN_DEG;
  if (dLon >= 180) return { latMin, latMax };
  return { latMin, latMax, lon: { min: circle.lon - dLon, max: circle.lon + dLon } };
}

function rowOf(lat: number, size: number): number {
  return Math.min(size - 1, Math.max(0, Math.floor(((lat + 90) * size) / 180)));
}

function columnOf(lon: number, size: number): number {
  return Math.floor(((lon + 180) * size) / 360);
}

function spans(box: Box, level: number): { rows: [number, number]; columns: [number, number] } {
  const size = 2 ** level;
  const rows: [number, number] = [rowOf(box.latMin, size), rowOf(box.latMax, size)];
  if (box.lon === undefined) return { rows, columns: [0, size - 1] };
  const first = columnOf(box.lon.min, size);
  const last = columnOf(box.lon.max, size);
  return { rows, columns: last - first + 1 >= size ? [0, size - 1] : [first, last] };
}

/**
 * The cover of a circle: the finest level at which it spans at most MAX_COVER_CELLS cells, and those cells.
 *
 * @example
 * coverCircle({ lat: 38.72, lon: -9.14, radiusKm: 25 }); // { level: 9, cells: [...] }
 */
export function coverCircle(circle: Circle): Cover {
  const box = boundingBox(circle);
  for (let level = MAX_LEVEL; level > 0; level--) {
    const { rows, columns } = spans(box, level);
    const count = (rows[1] - rows[0] + 1) * (columns[1] - columns[0] + 1);
    if (count > MAX_COVER_CELLS) continue;
    const size = 2 ** level;
    const cells: number[] = [];
    for (let row = rows[0]; row <= rows[1]; row++) {
      for (let column = columns[0]; column <= columns[1]; column++) {
        cells.push(row * size + (((column % size) + size) % size));
      }
    }
    return { level, cells };
  }
  return { level: 0, cells: [0] };
}

/**
 * The distinct cells of level `level - 1` that hold `cells` of level `level`.
 *
 * @example
 * parentCells([5, 6], 2); // [0, 1]
 */
export function parentCells(cells: readonly number[], level: number): number[] {
  const size = 2 ** level;
  const half = size / 2;
  const out: number[] = [];
  for (const cell of cells) {
    const row = Math.floor(cell / size);
    const parent = (row >> 1) * half + ((cell - row * size) >> 1);
    // Covers hold at most MAX_COVER_CELLS cells, so a linear search beats a Set here.
    if (!out.includes(parent)) out.push(parent);
  }
  return out;
}

/**
 * Calls `visit` with the cells of `cover` and then with their ancestors at each coarser level down to
 * `coarsest`, finest first.
 *
 * @example
 * forEachLevel({ level: 2, cells: [5, 6] }, (level, cells) => console.log(level, cells));
 * // 2 [5, 6]; 1 [0, 1]; 0 [0]
 */
export function forEachLevel(
  cover: Cover,
  visit: (level: number, cells: readonly number[]) => void,
  coarsest = 0,
): void {
  let cells: readonly number[] = cover.cells;
  for (let level = cover.level; level >= coarsest; level--) {
    visit(level, cells);
    if (level > coarsest) cells = parentCells(cells, level);
  }
}
