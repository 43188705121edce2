// The one batcher of Python's output. Everything printed reaches the page as "stdout" / "stderr" events of one
// shape, {text} (the text exactly as written, newlines included): the runtime's own output (Pyodide's batched
// handler, one line per call) and the user's code (the playground's sys.stdout/sys.stderr call write()).
// Chunks are queued in order and sent a few times per second instead of once per print: a finished line goes out
// at once unless a flush happened less than FLUSH_MS ago, so a print() before a loop that never yields still
// shows; anything else goes out on a FLUSH_MS timer, when a batch passes MAX_BATCH_CHARS, and before every reply.
const FLUSH_MS = 50;
const MAX_BATCH_CHARS = 64 * 1024;

/** createOutput(emit) → {write(stream, text), flush(), stdout(line), stderr(line)}; stream ∈ "stdout" | "stderr". */
export function createOutput(emit) {
  let queue = []; // [stream, text] in the order written
  let size = 0;
  let timer = null;
  let lastFlush = 0;

  function flush() {
    clearTimeout(timer);
    timer = null;
    lastFlush = performance.now();
    const chunks = queue;
    queue = [];
    size = 0;
    // consecutive chunks of the same stream travel as one event; the order between streams is kept
    for (let i = 0; i < chunks.length; ) {
      const stream = chunks[i][0];
      const parts = [];
      for (; i < chunks.length && chunks[i][0] === stream; i++) parts.push(chunks[i][1]);
      emit(stream, { text: parts.join("") });
    }
  }

  function write(stream, text) {
    if (!text) return;
    queue.push([stream, text]);
    size += text.length;
    if (size > MAX_BATCH_CHARS || (text.endsWith("\n") && performance.now() - lastFlush >= FLUSH_MS)) flush();
    else timer ||= setTimeout(flush, FLUSH_MS);
  }

  return {
    write,
    flush,
    stdout: (line) => write("stdout", line + "\n"),
    stderr: (line) => write("stderr", line + "\n"),
  };
}
