// What a screen reader hears, through one polite live region: Python ready, a run's start and end, errors, and
// every fifth report's step and cost while training. It must not flood: progress is spoken at most once per
// PROGRESS_GAP_MS (a sentence takes about two seconds to speak), and each message replaces the previous one.
import { fmt } from "./readouts.js";

export const EVERY_NTH_REPORT = 5;
export const PROGRESS_GAP_MS = 3000;

/** createAnnouncer(region, {now}) → {say, ready, runStarted, progress, runEnded, error, state()} */
export function createAnnouncer(region, { now = () => performance.now() } = {}) {
  let reports = 0;
  let lastProgressAt = -Infinity;
  let latest = null;
  const log = []; // the latest messages spoken, for tests: [{t, text}]

  function say(text) {
    // Same text twice in a row is not re-read by screen readers; a trailing no-break space makes it new.
    region.textContent = region.textContent === text ? text + "\u00a0" : text;
    log.push({ t: now(), text });
    if (log.length > 500) log.shift();
  }

  return {
    say,
    ready: (what = "Python is ready.") => say(what),
    runStarted() {
      reports = 0;
      latest = null;
      lastProgressAt = now();
      say("Training started.");
    },
    /** A progress event; p.points holds one [step, cost] per report since the previous event. */
    progress(p) {
      const points = p.points && p.points.length ? p.points : [[p.step, p.cost]];
      for (const [step, cost] of points) {
        reports += 1;
        if (reports % EVERY_NTH_REPORT === 0) latest = [step, cost];
      }
      if (latest && now() - lastProgressAt >= PROGRESS_GAP_MS) {
        lastProgressAt = now();
        say(`Step ${latest[0]}, cost ${fmt.cost(latest[1])}.`);
        latest = null;
      }
    },
    /** The run's result (runner's onFinish): stopped, finished or failed. */
    runEnded(result) {
      const at = result.step != null ? ` at step ${result.step}, cost ${fmt.cost(result.cost)}` : "";
      if (!result.ok) {
        const where = result.line ? ` on line ${result.line}` : "";
        say(`Error${where}: ${firstLine(result.error || result.name || "the run failed")}`);
      } else if (result.stopped) say(`Training stopped${at}. The model is kept.`);
      else say(`Run finished${at}.`);
    },
    error: (message) => say(`Error: ${firstLine(message)}`),
    /** The announcer's part of the testing contract: the latest messages given to the live region. */
    state: () => ({ announcements: log.slice() }),
  };
}

function firstLine(text) {
  const lines = String(text).trim().split("\n");
  return lines[lines.length - 1].slice(0, 200); // a traceback's last line is the exception and its message
}
