// The output panel: print() output streams in, tracebacks and page messages are shown apart by style.
// It holds at most MAX_CHARS characters of output, so a print loop cannot make the page slow. Past that it keeps
// the head (the first HEAD_CHARS) and the tail (the newest output, which users need most) and cuts in between,
// inside a chunk if need be, with a visible mark that counts the characters dropped.
import { formatCount } from "../locale.js";

export const MAX_CHARS = 200_000;
export const HEAD_CHARS = 20_000;
const JOIN_BELOW = 4096; // small chunks of the same kind are joined into one node

/** createOutput(pre) → {append(text, kind), info(text), clear(), text()}; kind ∈ "stdout" | "stderr" | "error" | "info". */
export function createOutput(pre) {
  let size = 0; // characters of output shown (the cut mark not counted)
  let mark = null; // the cut mark, once output passed MAX_CHARS; the head is before it, the tail after it
  let dropped = 0;

  function span(kind, text) {
    const el = document.createElement("span");
    el.dataset.kind = kind;
    el.className = `out-${kind}`;
    el.textContent = text;
    return el;
  }

  /** Puts the cut mark after the first HEAD_CHARS characters, splitting the node that holds that boundary. */
  function placeMark() {
    let seen = 0;
    let node = pre.firstChild;
    while (node && seen + node.textContent.length <= HEAD_CHARS) {
      seen += node.textContent.length;
      node = node.nextSibling;
    }
    mark = span("cut", "");
    if (!node) return pre.appendChild(mark);
    const keep = HEAD_CHARS - seen;
    if (keep > 0) {
      const text = node.textContent;
      node.textContent = text.slice(0, keep);
      node.after(span(node.dataset.kind, text.slice(keep)));
      node = node.nextSibling;
    }
    node.before(mark);
  }

  /** Drops the oldest characters after the cut mark until the panel holds MAX_CHARS again. */
  function trim() {
    if (size <= MAX_CHARS) return;
    if (!mark) placeMark();
    let excess = size - MAX_CHARS;
    while (excess > 0 && mark.nextSibling) {
      const node = mark.nextSibling;
      const length = node.textContent.length;
      const cut = Math.min(length, excess);
      if (cut === length) node.remove();
      else node.textContent = node.textContent.slice(cut);
      excess -= cut;
      dropped += cut;
      size -= cut;
    }
    mark.textContent = `\n[… ${formatCount(dropped)} characters of output cut here …]\n`;
  }

  return {
    append(text, kind = "stdout") {
      if (!text) return;
      const last = pre.lastChild;
      if (last && last !== mark && last.dataset.kind === kind && last.textContent.length < JOIN_BELOW) {
        last.textContent += text;
      } else {
        pre.appendChild(span(kind, text));
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
      mark = null;
      dropped = 0;
    },
    text: () => pre.textContent,
  };
}
