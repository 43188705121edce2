// The worker's events while Python runs (docs/ARCHITECTURE.md): progress, the inside-the-network views, pause and
// resume, and Python's output. (The runner, ui/runner.js, listens for the lifecycle events itself.)

/** wireRuntimeEvents(runtime, {onProgress, announce, insight, view, status, output}) */
export function wireRuntimeEvents(runtime, { onProgress, announce, insight, view, status, output }) {
  runtime.on("progress", onProgress);
  runtime.on("progress", announce.progress);
  runtime.on("insight", insight.show);
  runtime.on("paused", () => {
    status.set("paused");
    announce.say(`Paused at step ${view.step}.`);
  });
  runtime.on("resumed", (d) => {
    if (!d.stopped && view.status === "paused") {
      status.set("training");
      announce.say("Training resumed.");
    }
  });
  runtime.on("stdout", (d) => output.append(d.text, "stdout"));
  runtime.on("stderr", (d) => output.append(d.text, "stderr"));
}
