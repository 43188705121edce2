// A short line diff between two versions of the code (longest common subsequence of lines), for the Runs panel's
// "how the code differs from the previous run".

/** [{op: " " | "-" | "+", line}] turning `before` into `after` (both strings). */
export function lineDiff(before, after) {
  const a = before.split("\n");
  const b = after.split("\n");
  // lcs[i][j] = length of the LCS of a[i:] and b[j:]
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: " ", line: a[i++] });
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out.push({ op: "+", line: b[j++] });
    } else {
      out.push({ op: "-", line: a[i++] });
    }
  }
  return out;
}

/**
 * A short summary: {text, lines} where text is e.g. "same code", "first run" or "+1 −1 lines", and lines holds at
 * most `max` changed lines ("- old", "+ new"), trimmed.
 */
export function diffSummary(before, after, max = 4) {
  if (before == null) return { text: "first run", lines: [] };
  if (before === after) return { text: "same code as the previous run", lines: [] };
  const changes = lineDiff(before, after).filter((d) => d.op !== " ");
  const added = changes.filter((d) => d.op === "+").length;
  const removed = changes.length - added;
  const lines = changes.slice(0, max).map((d) => `${d.op} ${d.line.trim()}`.slice(0, 90));
  if (changes.length > max) lines.push(`… ${changes.length - max} more`);
  return { text: `+${added} −${removed} lines vs the previous run`, lines };
}
