// Whether a process id still names a running process (for locks and admin files left behind).

/** True while `pid` runs; a process of another user counts as running (EPERM). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
