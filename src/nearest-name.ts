/** Levenshtein distance, case-insensitive: `Title` is 0 from `title`. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}

/** The known name an unknown one most likely meant (a front matter key, a fence language), when it is close enough to be a typo. */
export function nearestName(unknown: string, known: readonly string[]): string | undefined {
  let best: { key: string; score: number } | undefined;
  for (const key of known) {
    const score = distance(unknown, key);
    if (score <= Math.max(1, Math.floor(key.length / 3)) && (!best || score < best.score)) best = { key, score };
  }
  return best?.key;
}
