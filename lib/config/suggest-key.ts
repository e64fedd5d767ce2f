// "Did you mean …?" for a misspelt configuration key or value.

/** Edit distance with adjacent transpositions (optimal string alignment), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= s.length; i += 1) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      row[j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) row[j] = Math.min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(s.length, t.length);
}

/** How many edits still read as a typo of `word`: 1 for short words, up to 3 for long ones. */
function tolerance(word: string): number {
  return word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
}

/** Pure: the allowed word closest to `given`, if it is close enough to be a typo; ties go to the first. */
export function closestMatch(given: string, allowed: readonly string[]): string | null {
  let best: { word: string; distance: number } | null = null;
  for (const word of allowed) {
    const distance = editDistance(given, word);
    if (distance <= tolerance(word) && (best === null || distance < best.distance)) best = { word, distance };
  }
  return best?.word ?? null;
}
