// Counts in prose: `1 step`, `2 steps`.

/** `n` and `word`, with an `s` unless n is 1. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
