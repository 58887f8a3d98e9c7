// The terminal's size in columns and rows, following resizes of stdout.
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

function sizeOf(stdout: NodeJS.WriteStream): TerminalSize {
  // Without a TTY (tests, pipes) there are no dimensions: draw for a common terminal.
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}

/** The size of stdout, or `fixed` when given (tests, previews); re-renders on resize. */
export function useTerminalSize(fixed?: TerminalSize): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));
  useEffect(() => {
    const onResize = (): void => setSize(sizeOf(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return fixed ?? size;
}
