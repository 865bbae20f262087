import SonicBoom from 'sonic-boom';

/**
 * Standard output for the server's log, written asynchronously. pino's own destination flushes
 * synchronously when the process exits and retries a full pipe for ever: a server whose reader
 * stopped reading (its parent gone, the pipe still held) hung on SIGTERM. Here a full or closed
 * pipe costs log lines, never the process: once `stop` is called a full pipe is given up on, and
 * nothing is flushed at exit.
 */
export function createLogStream(fd = 1): { stream: SonicBoom; stop(): void; flush(): Promise<void> } {
  let stopping = false;
  const stream = new SonicBoom({ fd, sync: false, retryEAGAIN: () => !stopping });
  // A reader that went away (EPIPE) or a pipe given up on: logging stops, serving does not.
  stream.on('error', () => {});
  return {
    stream,
    stop: () => {
      stopping = true;
    },
    flush: () =>
      new Promise((resolve) => {
        try {
          stream.flush(() => resolve());
        } catch {
          resolve();
        }
      }),
  };
}
