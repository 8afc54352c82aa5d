import { readFileSync, writeFileSync } from 'node:fs';

/** Linux's peak resident set size of this process (VmHWM), in MB. */
export function peakRssMb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : process.memoryUsage.rss() / 1024 / 1024;
}

export function rssMb(): number {
  return process.memoryUsage.rss() / 1024 / 1024;
}

/** Resets the peak (writing 5 to clear_refs), so the next peak is the import's own. */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
