// Batches Python's stdout/stderr lines into "stdout"/"stderr" events, so a print loop sends a few messages per
// second instead of one per line. Flushed on a short timer and before every reply.
const FLUSH_MS = 50;
const MAX_BATCH_CHARS = 64 * 1024;

export function createOutput(emit) {
  const buffers = { stdout: [], stderr: [] };
  let size = 0;
  let timer = null;

  function flush() {
    clearTimeout(timer);
    timer = null;
    size = 0;
    for (const stream of ["stdout", "stderr"]) {
      if (buffers[stream].length) {
        emit(stream, buffers[stream].join("\n") + "\n");
        buffers[stream] = [];
      }
    }
  }

  function write(stream, line) {
    buffers[stream].push(line);
    size += line.length;
    if (size > MAX_BATCH_CHARS) flush();
    else timer ||= setTimeout(flush, FLUSH_MS);
  }

  return { flush, stdout: (line) => write("stdout", line), stderr: (line) => write("stderr", line) };
}
