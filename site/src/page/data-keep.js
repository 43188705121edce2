// "Keep my data in this browser" (issue 21): a checkbox in the data panel, off by default. Ticked, the loaded data
// (as site/src/data/kept.js writes it) goes to the run store (site/src/ui/run-store.js: keep, kept, forget) after
// every change, and the next visit loads it again; unticked, or Clear all my data, removes it. A refusal (storage
// full, storage refused, a damaged record) is one message in the panel; the data stays loaded in the tab and
// nothing else changes.
import { keptValue, readKept } from "../data/kept.js";

const NOT_KEPT = "Your data stays in this tab: it is never uploaded, never put in a share link and not stored in " +
  "this browser (a reload forgets it).";
const TO_PYTHON = " Download for Python puts it in the .zip as data.csv.";

const plain = (err) => String((err && err.message) || err).replace(/^[\w.]*Error: /, "");

/**
 * createKeep({keep, privacy}, {store, loaded, showError}) → {changed(), take(), drop(reason), forgotten(), kept()}.
 * store: a promise of the run store; loaded(): {read, kind} of the data in use ({read: null} when none).
 */
export function createKeep(els, { store, loaded, showError }) {
  let kept = false; // the stored copy is what is loaded now (state().dataKept)
  let where = "this browser";
  let queue = Promise.resolve(); // writes in order, each of the box's state at its turn

  function render() {
    els.privacy.textContent = kept
      ? `Your data stays on this device: it is never uploaded or put in a share link. It is kept in ${where} until ` +
        "you untick the box or use Clear all my data, so a reload brings it back." + TO_PYTHON
      : NOT_KEPT + TO_PYTHON;
  }

  async function refuse(s, reason) {
    els.keep.checked = false;
    kept = false;
    render();
    await s.forget().catch(() => {}); // an older kept copy must not come back on the next visit
    showError(`This browser did not keep your data (${reason}); it stays loaded in this tab, and a reload forgets it.`);
  }

  async function write() {
    const s = await store;
    where = s.where;
    if (!els.keep.checked) {
      kept = false;
      render();
      try {
        await s.forget();
      } catch (err) {
        showError(`The data kept in this browser could not be removed (${plain(err)}); try Clear all my data.`);
      }
      return;
    }
    if (s.kind === "memory") return refuse(s, "this browser refuses IndexedDB and localStorage here");
    const { read, kind } = loaded();
    const answer = await s.keep(keptValue(read, kind));
    if (!answer.stored) return refuse(s, answer.reason);
    kept = true;
    render();
  }

  const sync = () => (queue = queue.then(write));
  els.keep.addEventListener("change", sync);
  render();

  return {
    /** The loaded data changed (loaded, cleared): stored again when the box is ticked. */
    changed: () => (els.keep.checked ? sync() : queue),
    /** At the start: the kept data to load ({kind, read}), or null. A damaged or unreadable record is removed. */
    async take() {
      const s = await store;
      where = s.where;
      let value;
      try {
        value = await s.kept();
      } catch (err) {
        await this.drop(`the browser could not read it: ${plain(err)}`);
        return null;
      }
      if (value === null) return null;
      els.keep.checked = true;
      let found;
      try {
        found = readKept(value);
      } catch (err) {
        await this.drop(plain(err));
        return null;
      }
      kept = found === null; // "keep", with nothing loaded: stored as it is
      render();
      return found;
    },
    /** The kept data was loaded again. */
    restored() {
      kept = true;
      render();
    },
    /** The kept data cannot be used: removed from the store, the box unticked, and said. */
    async drop(reason) {
      els.keep.checked = false;
      await sync();
      showError(`The data kept in this browser could not be restored (${reason}), so it is removed from this ` +
        "browser; your code, model and runs are as they were.");
    },
    /** Clear all my data deleted the store: the box is unticked (nothing is kept). */
    forgotten() {
      els.keep.checked = false;
      return sync();
    },
    kept: () => kept,
  };
}
