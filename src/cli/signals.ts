/**
 * Ctrl-C / SIGTERM handling: the first signal aborts the run gracefully (browser closed, temp
 * files removed, run marked aborted, exit 130); a second one exits at once.
 */
export function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(
      '\ninterrupted: stopping the browser and marking the run aborted (Ctrl-C again to exit now)\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
