// The neuron graph's data as site/py/neurons.py sends it (docs/ARCHITECTURE.md, "Neuron graph"), opened up for the
// view: each column gains `units`, one object per unit with its tile, dead flag, name, bias and incoming weights
// (a Float32Array view into the numbers: nothing is copied).

/** The float32 numbers (weights and biases) of a Uint8Array or ArrayBuffer, as a Float32Array. */
export function floatsOf(bytes) {
  if (bytes instanceof ArrayBuffer) return new Float32Array(bytes);
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice(); // a Float32Array view needs 4-byte alignment
  return new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
}

/** ``description`` with `units` on each column: [{unit, tile, dead, name, bias, weights}]. */
export function openGraph(description, numbers) {
  const floats = floatsOf(numbers);
  const graph = description.graph.map((entry) => {
    if (entry.kind !== "column") return entry;
    const dead = new Set(entry.deadUnits);
    const units = Array.from({ length: entry.size }, (_, i) => ({
      unit: i,
      tile: entry.firstTile + i,
      dead: dead.has(i),
      name: entry.names ? entry.names[i] : null,
      bias: entry.biases == null ? null : floats[entry.biases + i],
      weights: entry.weights == null ? null
        : floats.subarray(entry.weights + i * entry.nIn, entry.weights + (i + 1) * entry.nIn),
    }));
    return { ...entry, units };
  });
  return { ...description, graph };
}
