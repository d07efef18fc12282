/**
 * A file name for a benchmark's profile on one side:
 * `reactivity/cellx?layers=1000` on head -> `reactivity-cellx-layers-1000.head.cpuprofile`.
 */
export function profileFileName(id: string, side: string): string {
  return `${id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+$/, '')}.${side}.cpuprofile`;
}
