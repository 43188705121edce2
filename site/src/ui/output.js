// The output panel: print() output streams in, tracebacks and page messages are shown apart by style.
// It keeps only the last MAX_CHARS characters so a print loop cannot make the page slow.

const MAX_CHARS = 200_000;

/** createOutput(pre) → {append(text, kind), clear(), text()}; kind ∈ "stdout" | "stderr" | "error" | "info". */
export function createOutput(pre) {
  let size = 0;

  function trim() {
    while (size > MAX_CHARS && pre.firstChild) {
      size -= pre.firstChild.textContent.length;
      pre.removeChild(pre.firstChild);
    }
  }

  return {
    append(text, kind = "stdout") {
      if (!text) return;
      const last = pre.lastChild;
      if (last && last.dataset.kind === kind && last.textContent.length < 4096) {
        last.textContent += text; // join small chunks of the same kind into one node
      } else {
        const span = document.createElement("span");
        span.dataset.kind = kind;
        span.className = `out-${kind}`;
        span.textContent = text;
        pre.appendChild(span);
      }
      size += text.length;
      trim();
      pre.scrollTop = pre.scrollHeight;
    },
    /** A line from the page itself (not from Python), e.g. "Stopped." */
    info(text) {
      const needsBreak = pre.textContent && !pre.textContent.endsWith("\n");
      this.append((needsBreak ? "\n" : "") + text + "\n", "info");
    },
    clear() {
      pre.textContent = "";
      size = 0;
    },
    text: () => pre.textContent,
  };
}
