// The Runs panel: every run is recorded (code, preset, seed, target, start time, duration, steps, the cost curve
// downsampled to at most CURVE_POINTS points, final mean ΔE00 on held-out and Material colours, and its status
// ok / stopped / failed), listed newest first with a sparkline, the final numbers and a short diff of the code
// against the previous run. Runs can be overlaid on the cost chart, their code restored into the editor (undoable,
// never run), deleted one by one, or cleared with all the page's data. Storage: ./run-store.js.
import { OVERLAY_COLOURS } from "./overlay-colours.js";
import { diffSummary } from "./line-diff.js";
import { countOf, formatDateTime } from "../locale.js";
import { checkedChangeList, describeLiveChanges } from "../params/live-link.js";

export const CURVE_POINTS = 1000;
const STATUSES = ["ok", "stopped", "failed"];

/** At most `max` points of `points`, evenly spaced by index, always keeping the first and the last. */
export function downsample(points, max = CURVE_POINTS) {
  if (points.length <= max) return points.slice();
  const out = [];
  for (let i = 0; i < max; i++) out.push(points[Math.round((i * (points.length - 1)) / (max - 1))]);
  return out;
}

const OVERLAY_KEY = "colornet-playground/overlay/v1"; // the overlaid run ids, kept across reloads

/** Stores the overlaid ids (none: the key is removed, so Clear all my data leaves nothing behind). */
function rememberOverlay(ids) {
  try {
    if (ids.length) localStorage.setItem(OVERLAY_KEY, JSON.stringify(ids));
    else localStorage.removeItem(OVERLAY_KEY);
  } catch {
    /* storage disabled: the overlay lasts this session only */
  }
}

function rememberedOverlay() {
  try {
    const ids = JSON.parse(localStorage.getItem(OVERLAY_KEY) || "[]");
    return Array.isArray(ids) ? ids.filter((id) => typeof id === "string") : [];
  } catch {
    return [];
  }
}

function newId() {
  const random = Math.floor(Math.random() * 36 ** 6).toString(36).padStart(6, "0");
  return `r${Date.now().toString(36)}${random}`;
}

const fmt = (x, digits = 3) => (x == null ? "—" : Number(x).toPrecision(digits));

function sparkline(curve) {
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("class", "sparkline");
  svg.setAttribute("viewBox", "0 0 100 24");
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("aria-hidden", "true");
  const pts = curve.filter(([, c]) => c > 0);
  if (pts.length > 1) {
    const xs = pts.map(([s]) => s);
    const ys = pts.map(([, c]) => Math.log10(c));
    const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
    const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
    const line = document.createElementNS(NS, "polyline");
    line.setAttribute("points", pts.map((_, i) =>
      `${(((xs[i] - x0) / (x1 - x0 || 1)) * 100).toFixed(1)},${(22 - ((ys[i] - y0) / (y1 - y0 || 1)) * 20).toFixed(1)}`)
      .join(" "));
    svg.append(line);
  }
  return svg;
}

/**
 * createRuns({list, where, message, clear}, {openStore, chart, setCode, info, confirm, clearLocalData})
 * → {ready, startRun, addLiveChange, addPoints, finishRun, runs, records, overlay, clearData, importRuns}.
 */
export function createRuns(elements, deps) {
  let store = null;
  let records = []; // newest first, every field
  let ticked = []; // ids overlaid on the chart, in the order they were ticked
  let current = null; // the run in progress: {record, points}

  const numberOf = new Map(); // id → run number (1 = oldest), for labels
  function renumber() {
    numberOf.clear();
    records.slice().reverse().forEach((r, i) => numberOf.set(r.id, i + 1));
  }
  const label = (r) => `run #${numberOf.get(r.id)} (seed ${r.seed})`;

  function say(text, kind = "info") {
    elements.message.textContent = text;
    elements.message.dataset.kind = kind;
  }

  function describeStorage() {
    elements.where.textContent =
      `Stored in this browser only, in ${store.where}: the last ${store.limit} runs (code, preset, seed, cost curve, ` +
      "final ΔE00). Your code, preset, seed and probe autosave in localStorage. Nothing leaves this computer.";
  }

  function applyOverlay() {
    const chosen = ticked.map((id) => records.find((r) => r.id === id)).filter(Boolean);
    ticked = chosen.map((r) => r.id);
    rememberOverlay(ticked);
    const colours = deps.chart.setOverlays(chosen.map((r) => ({ id: r.id, label: label(r), points: r.curve })));
    for (const row of elements.list.children) {
      const c = colours.find((o) => o.id === row.dataset.runId);
      row.querySelector("[data-testid=overlay-toggle]").checked = !!c;
      row.style.setProperty("--overlay", c ? c.colour : "transparent");
    }
  }

  function row(r, previous) {
    const li = document.createElement("li");
    li.className = "run-row";
    li.dataset.testid = "run-row";
    li.dataset.runId = r.id;
    li.dataset.status = r.status;

    const head = document.createElement("div");
    head.className = "run-head";
    const toggle = document.createElement("label");
    toggle.className = "run-toggle";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.dataset.testid = "overlay-toggle";
    box.disabled = r.curve.length === 0;
    box.addEventListener("change", () => {
      ticked = box.checked ? [...ticked, r.id] : ticked.filter((id) => id !== r.id);
      applyOverlay();
    });
    const name = document.createElement("span");
    name.className = "run-name";
    name.textContent = label(r);
    toggle.append(box, name);
    const status = document.createElement("span");
    status.className = "run-status";
    status.textContent = r.status + (r.stored === false ? " · not stored" : "");
    head.append(toggle, status, sparkline(r.curve));

    const numbers = document.createElement("p");
    numbers.className = "run-numbers";
    const when = new Date(r.startedAt);
    numbers.textContent = [
      countOf(r.steps ?? 0, "step"),
      `cost ${fmt(r.finalCost)}`,
      `ΔE00 ${fmt(r.deltaE)} held-out · ${fmt(r.deltaEMaterial)} Material`,
      `${(r.durationMs / 1000).toFixed(1)} s`,
      r.preset + (r.target ? ` · target ${r.target}` : ""),
      formatDateTime(when),
    ].join(" · ");
    if (r.error) numbers.title = r.error;
    const live = document.createElement("p"); // the live params moved during the run (issue 20)
    live.className = "run-live";
    live.dataset.testid = "run-live";
    const changes = checkedChangeList(r.liveChanges || []).changes || []; // (a saved file's record is checked)
    live.hidden = !changes.length;
    live.textContent = `Live: ${describeLiveChanges(changes)}.`;

    const diff = diffSummary(previous ? previous.code : null, r.code);
    const details = document.createElement("details");
    details.className = "run-diff";
    const summary = document.createElement("summary");
    summary.textContent = diff.text;
    const pre = document.createElement("pre");
    pre.textContent = diff.lines.join("\n");
    details.append(summary, pre);
    if (!diff.lines.length) details.classList.add("run-diff-empty");

    const actions = document.createElement("div");
    actions.className = "run-actions";
    const restore = document.createElement("button");
    restore.type = "button";
    restore.dataset.testid = "restore-code";
    restore.textContent = "Restore code";
    restore.title = "Put this run's code in the editor (Ctrl+Z undoes it; it does not run)";
    restore.addEventListener("click", () => restoreCode(r.id));
    const remove = document.createElement("button");
    remove.type = "button";
    remove.dataset.testid = "delete-run";
    remove.textContent = "Delete";
    remove.setAttribute("aria-label", `Delete ${label(r)}`);
    remove.addEventListener("click", () => deleteRun(r.id));
    actions.append(restore, remove);

    li.append(head, numbers, live, details, actions);
    return li;
  }

  // Rows are kept between renders (a run's row only changes when its number or its previous run does), so
  // recording a run adds one row instead of rebuilding up to RUN_LIMIT rows with their sparklines and diffs.
  const rowCache = new Map(); // id → {key, el}
  function cachedRow(r, previous) {
    const key = `${numberOf.get(r.id)}|${previous ? previous.id : ""}|${r.stored}`;
    const hit = rowCache.get(r.id);
    if (hit && hit.key === key) return hit.el;
    const el = row(r, previous);
    rowCache.set(r.id, { key, el });
    return el;
  }

  function render() {
    renumber();
    for (const id of rowCache.keys()) if (!numberOf.has(id)) rowCache.delete(id);
    elements.list.replaceChildren(...records.map((r, i) => cachedRow(r, records[i + 1])));
    elements.clear.disabled = false;
    applyOverlay();
  }

  async function reload() {
    records = await store.list();
    render();
  }

  function restoreCode(id) {
    const r = records.find((x) => x.id === id);
    if (!r) throw new Error(`no run with id ${JSON.stringify(id)}`);
    deps.setCode(r.code);
    deps.info(`Restored the code of ${label(r)} into the editor (Ctrl+Z undoes it). It has not run: press Run.`);
  }

  async function deleteRun(id) {
    await store.remove(id);
    ticked = ticked.filter((x) => x !== id);
    await reload();
  }

  async function save(record) {
    const answer = await store.add(record);
    record.stored = answer.stored;
    if (!answer.stored) {
      say(`This run is not stored: ${answer.reason}. The page keeps working and lists it until you close it; ` +
        "delete old runs or use Clear all my data to make room.", "error");
    }
    await reload();
    return answer;
  }

  const ready = (async () => {
    store = await deps.openStore();
    ticked = rememberedOverlay();
    describeStorage();
    if (store.refusals.length) say(`Run history falls back to ${store.kind}: ${store.refusals.join("; ")}.`, "error");
    await reload();
  })();
  elements.clear.addEventListener("click", () => clearData({ ask: true }));

  async function clearData({ ask = false } = {}) {
    if (ask && !deps.confirm("Delete every recorded run, the autosaved code and the settings this page stored in " +
      "this browser? This cannot be undone.")) return false;
    await ready;
    await store.clear();
    deps.clearLocalData();
    ticked = [];
    await reload();
    say("Cleared: every run, the autosaved code and the settings are deleted from this browser; the editor shows " +
      "the preset's script again.");
    return true;
  }

  return {
    ready,
    /** A run begins: {code, preset, seed}. */
    startRun({ code, preset, seed }) {
      current = { points: [], record: { id: newId(), code, preset, seed, startedAt: Date.now(), liveChanges: [] } };
    },
    /** A live param changed the current run: {step, name, value} (kept in its record, in order). */
    addLiveChange(change) {
      if (current) current.record.liveChanges.push({ ...change });
    },
    /** Progress points [[step, cost], ...] of the current run. */
    addPoints(points) {
      if (current) current.points.push(...points);
    },
    /**
     * A snapshot of the current run ({step, model: colornet JSON text}): stored as that run, "interrupted" at `step`
     * with its model, so a reload or a crashed tab finds it (finishRun replaces it). Not listed until a reload.
     */
    async checkpoint({ step, model }) {
      if (!current) return false;
      const { record, points } = current;
      const upTo = points.filter(([s]) => s <= step);
      const last = upTo.length ? upTo[upTo.length - 1] : null;
      const saved = { ...record, status: "interrupted", durationMs: Date.now() - record.startedAt, steps: step,
        finalCost: last ? last[1] : null, deltaE: null, deltaEMaterial: null, target: null,
        error: "interrupted: the page was closed or reloaded during the run", curve: downsample(upTo), model };
      await ready;
      return current !== null && current.record === record && store.put(saved);
    },
    /** The run ended: {status, steps, finalCost, deltaE, deltaEMaterial, target, error}. Records it. */
    async finishRun(end) {
      if (!current) return null;
      if (!STATUSES.includes(end.status)) throw new Error(`run status must be one of ${STATUSES}, got ${end.status}`);
      const { record, points } = current;
      current = null;
      const last = points.length ? points[points.length - 1] : null;
      Object.assign(record, {
        status: end.status,
        durationMs: Date.now() - record.startedAt,
        steps: end.steps ?? (last ? last[0] : 0),
        finalCost: end.finalCost ?? (last ? last[1] : null),
        deltaE: end.deltaE ?? null,
        deltaEMaterial: end.deltaEMaterial ?? null,
        target: end.target ?? null,
        error: end.error ?? null,
        curve: downsample(points),
      });
      await ready;
      return save(record);
    },
    /** The contract's view: [{id, status, seed, steps, finalCost, deltaE, deltaEMaterial, code, ...}], newest first. */
    runs: () => records.map((r) => ({ ...r, curve: r.curve.slice() })),
    /** Every field of every run (for Save as HTML). */
    records: () => records.slice(),
    /** Overlays exactly these runs on the chart (ids as in runs()); [] removes every overlay. */
    overlay(ids) {
      const unknown = ids.filter((id) => !records.some((r) => r.id === id));
      if (unknown.length) throw new Error(`no run with id ${unknown.map((id) => JSON.stringify(id)).join(", ")}`);
      ticked = [...ids];
      applyOverlay();
      return ticked.slice();
    },
    clearData,
    restoreCode,
    deleteRun,
    /** Adds runs carried by a saved .html file (those not stored yet). */
    async importRuns(list) {
      await ready;
      const known = new Set(records.map((r) => r.id));
      for (const r of list) if (!known.has(r.id)) await store.add(r);
      await reload();
    },
  };
}

export { OVERLAY_COLOURS };
