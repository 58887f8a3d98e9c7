// How long a step took, as its card and a drill show it: milliseconds under a second (a local
// step often takes a few, and "0.0s" said it took none), tenths of a second above.
export function took(ms: number): string {
  const rounded = Math.round(ms);
  return rounded < 1000 ? `${rounded} ms` : `${(ms / 1000).toFixed(1)}s`;
}
