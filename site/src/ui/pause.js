// Pause / Resume / Step: the run waits inside its progress callback (site/py/live_run.py and pause.py), so the network, the
// optimizer's state (Adam's moments, the schedule position) and the batch iterator are kept by construction.
// Pause ends at the next report like Stop; Step trains exactly one report interval and pauses again.
// Each action resolves to true when it was sent, false when it cannot act (Pause when not training, Resume and
// Step when not paused: after Stop, or while training), as the buttons are disabled then.

/** createPauseControls({pause, resume, step}, getRuntime, getStatus) → {update(status), pause(), resume(), step()} */
export function createPauseControls(buttons, getRuntime, getStatus) {
  const call = (type, payload) => {
    const rt = getRuntime();
    return rt ? rt.call(type, payload || {}).then(() => true) : Promise.resolve(false);
  };
  const when = (status, type, payload) => (getStatus() === status ? call(type, payload) : Promise.resolve(false));
  const controls = {
    pause: () => when("training", "pause"),
    resume: () => when("paused", "resume", { step: false }),
    step: () => when("paused", "resume", { step: true }),
    /** Enables the buttons that make sense for the page status (training | paused | anything else). */
    update(status) {
      buttons.pause.disabled = status !== "training";
      buttons.resume.disabled = status !== "paused";
      buttons.step.disabled = status !== "paused";
    },
  };
  buttons.pause.addEventListener("click", () => controls.pause());
  buttons.resume.addEventListener("click", () => controls.resume());
  buttons.step.addEventListener("click", () => controls.step());
  return controls;
}
