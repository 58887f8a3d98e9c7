// NO_COLOR (https://no-color.org): chalk, under Ink and marked-terminal, reads FORCE_COLOR
// when it is first imported, which happens later and lazily. Set before anything names the
// TUI's first frame (first-frame.ts reads FORCE_COLOR), by cli.ts and by early-frame.ts alike.
export function applyNoColor(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NO_COLOR) env.FORCE_COLOR = '0';
}
