// The editor's starting scripts. Each is plain training code: data → network → cost → optimizer → loop.
// The scripts themselves are the files site/py/presets/*.py (one owner: the worker's post-boot warm-up runs
// default.py too, and tests/unit/test_insight.py trains both under CPython).
// `playground` is the page, injected by the Python glue (site/py/playground_api.py): `playground.seed` is the Seed
// box and `playground.report` the progress callback (it draws the chart and swatches and returns True on Stop).
// `default` is the recipe of colornet's `default` preset (pylib/colornet/presets.py), but seeds the data and the
// weights each from the Seed box (the preset draws both from one generator), so its numbers differ.
// `talk2018` is the 2018 talk's net without the demo's learning-rate decay (x0.85 every 42 steps).
import DEFAULT from "../../py/presets/default.py";
import TALK2018 from "../../py/presets/talk2018.py";

export const PRESETS = Object.freeze({ default: DEFAULT, talk2018: TALK2018 });

export function presetScript(name) {
  return PRESETS[name] ?? PRESETS.default;
}
