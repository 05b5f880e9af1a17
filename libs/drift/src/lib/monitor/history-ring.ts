/** Bounded history of accepted points (plain arrays so the state stays JSON-serialisable). */
export interface HistoryRing {
  cap: number;
  head: number;
  size: number;
  index: number[];
  time: number[];
  y: number[];
  z: number[];
}

/** History entries as parallel arrays, oldest first. */
export interface HistoryWindow {
  index: number[];
  time: number[];
  y: number[];
  z: number[];
}

export function createHistoryRing(cap: number): HistoryRing {
  return {
    cap,
    head: 0,
    size: 0,
    index: new Array(cap).fill(0),
    time: new Array(cap).fill(0),
    y: new Array(cap).fill(0),
    z: new Array(cap).fill(0),
  };
}

export function cloneHistoryRing(h: HistoryRing): HistoryRing {
  return { ...h, index: h.index.slice(), time: h.time.slice(), y: h.y.slice(), z: h.z.slice() };
}

export function pushHistory(h: HistoryRing, index: number, time: number, y: number, z: number): void {
  const p = h.head;
  h.index[p] = index;
  h.time[p] = time;
  h.y[p] = y;
  h.z[p] = z;
  h.head = p + 1 === h.cap ? 0 : p + 1;
  if (h.size < h.cap) h.size++;
}

function position(h: HistoryRing, k: number): number {
  const p = h.head - 1 - k;
  return p < 0 ? p + h.cap : p;
}

/** z of the k-th most recent entry (k = 0 is the newest). */
export function recentZ(h: HistoryRing, k: number): number {
  return h.z[position(h, k)];
}

/** Index of the k-th most recent entry (k = 0 is the newest). */
export function recentIndex(h: HistoryRing, k: number): number {
  return h.index[position(h, k)];
}

/** Entries with index >= fromIndex, oldest first. */
export function collectWindow(h: HistoryRing, fromIndex: number): HistoryWindow {
  const w: HistoryWindow = { index: [], time: [], y: [], z: [] };
  let count = 0;
  while (count < h.size && recentIndex(h, count) >= fromIndex) count++;
  for (let k = count - 1; k >= 0; k--) {
    const p = position(h, k);
    w.index.push(h.index[p]);
    w.time.push(h.time[p]);
    w.y.push(h.y[p]);
    w.z.push(h.z[p]);
  }
  return w;
}
