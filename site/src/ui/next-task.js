// A new main-thread task: what the page's start-up awaits between its parts (main.js), so that no task of the boot
// runs over 50 ms and a keystroke waits at most one part (issue 22). scheduler.postTask where the browser has it
// (Chromium, Firefox): "user-blocking" runs the editor's parts ahead of the runtime bundles' script evaluations; else
// a MessageChannel message (WebKit), which, unlike setTimeout(0), is never clamped to 4 ms. afterPaint(): a task
// after the next frame is painted, so what was made before it shows before what comes after.

/** The priorities of scheduler.postTask: "user-blocking" (the editor), "user-visible" (the other panels). */
export const URGENT = "user-blocking";
export const VISIBLE = "user-visible";

let channel = null;
const queued = [];

function postMessageTask(resolve) {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => queued.shift()();
  }
  queued.push(resolve);
  channel.port2.postMessage(null);
}

/** Resolves at the start of a new task (of `priority` where the browser has scheduler.postTask). */
export function nextTask(priority = VISIBLE) {
  const scheduler = globalThis.scheduler;
  if (scheduler && typeof scheduler.postTask === "function") return scheduler.postTask(() => {}, { priority });
  return new Promise(postMessageTask);
}

/** Resolves in a task after the next frame (requestAnimationFrame, then a task); after `timeoutMs` at the latest,
 * since a hidden page gets no frames. */
export function afterPaint(timeoutMs = 100) {
  return new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      resolve(nextTask());
    };
    requestAnimationFrame(go);
    setTimeout(go, timeoutMs);
  });
}
