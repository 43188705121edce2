// TF.js side of the throughput benchmark: the same 3→64→32→16→3 network as colornet's bench
// (ReLU hidden, linear output, He init, MSE, plain SGD, shuffled batches reshuffled every epoch),
// written with TF.js's core API and optimizer.minimize — its fastest idiomatic training path.
// bench/run.py drives it: init() once per page, setup({key, ...}) per batch size, run({key, ms}) per timed window.
"use strict";

(function () {
  const WASM_DIR = "/bench/node_modules/@tensorflow/tfjs-backend-wasm/dist/";

  async function useBackend(name) {
    if (name === "wasm") tf.wasm.setWasmPaths(WASM_DIR);
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`TF.js backend ${name} failed to initialise`);
    await tf.ready();
    const info = { backend: tf.getBackend(), tfjs: tf.version.tfjs };
    if (name === "wasm") {
      info.simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
      info.threads = await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
    }
    return info;
  }

  /** Dense layers with He-normal weights and zero biases, as colornet's Network.from_sizes. */
  function buildNetwork(sizes, seed) {
    const layers = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      const [nIn, nOut] = [sizes[i], sizes[i + 1]];
      layers.push({
        w: tf.variable(tf.randomNormal([nIn, nOut], 0, Math.sqrt(2 / nIn), "float32", seed + i)),
        b: tf.variable(tf.zeros([nOut])),
      });
    }
    return layers;
  }

  function forward(layers, x) {
    let h = x;
    layers.forEach(({ w, b }, i) => {
      h = tf.add(tf.matMul(h, w), b);
      if (i + 1 < layers.length) h = tf.relu(h);
    });
    return h;
  }

  /** The seed's "shuffled input provider": paired slices of a copy reshuffled every epoch. */
  function shuffledBatches(xs, ys, batchSize, seed) {
    const n = xs.shape[0];
    let order = null, pos = n, epoch = 0;
    let random = mulberry32(seed);
    function reshuffle() {
      if (order) order.forEach((t) => t.dispose());
      const perm = Int32Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [perm[i], perm[j]] = [perm[j], perm[i]];
      }
      // Kept: reshuffling happens inside a training step's tf.tidy, which must not free the epoch's copy.
      order = tf.tidy(() => {
        const idx = tf.tensor1d(perm, "int32");
        return [tf.keep(tf.gather(xs, idx)), tf.keep(tf.gather(ys, idx))];
      });
      pos = 0;
      epoch++;
    }
    return {
      next() {
        if (pos + batchSize > n) reshuffle();
        const at = pos;
        pos += batchSize;
        return [order[0].slice([at, 0], [batchSize, -1]), order[1].slice([at, 0], [batchSize, -1])];
      },
      dispose() { if (order) order.forEach((t) => t.dispose()); },
    };
  }

  function mulberry32(a) {
    return function () {
      a |= 0; a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const sessions = new Map();
  let backendInfo = null;

  /** Initialises the backend named in the page URL (?backend=cpu|wasm); one backend per page. */
  async function init() {
    const name = new URLSearchParams(location.search).get("backend") || "cpu";
    backendInfo = await useBackend(name);
    return backendInfo;
  }

  /** Builds a fresh network, optimizer and batch provider for one batch size, kept under `key`. */
  function setup({ key, x, y, batchSize, lr, sizes, seed }) {
    if (sessions.has(key)) sessions.get(key).dispose();
    const xs = tf.tensor2d(x, [x.length / 3, 3]);
    const ys = tf.tensor2d(y, [y.length / 3, 3]);
    const layers = buildNetwork(sizes, seed);
    const optimizer = tf.train.sgd(lr);
    const batches = shuffledBatches(xs, ys, batchSize, seed);
    const step = () => tf.tidy(() => {
      const [xb, yb] = batches.next();
      optimizer.minimize(() => tf.losses.meanSquaredError(yb, forward(layers, xb)), false);
    });
    const cost = () => tf.tidy(() => tf.losses.meanSquaredError(ys, forward(layers, xs)).dataSync()[0]);
    const dispose = () => {
      batches.dispose();
      optimizer.dispose();
      [xs, ys, ...layers.flatMap((l) => [l.w, l.b])].forEach((t) => t.dispose());
    };
    sessions.set(key, { step, cost, dispose, readBack: () => layers[0].w.data() });
    return { ...backendInfo, cost: cost() };
  }

  /** Trains session `key` for `ms` milliseconds; returns {steps, seconds, cost}. One step = one SGD update. */
  async function run({ key, ms }) {
    const session = sessions.get(key);
    if (!session) throw new Error(`no session ${key}; call setup first`);
    const t0 = performance.now();
    let steps = 0;
    while (performance.now() - t0 < ms) {
      session.step();
      steps++;
    }
    await session.readBack();  // cpu and wasm run kernels synchronously; this makes sure every step finished
    const seconds = (performance.now() - t0) / 1000;
    return { steps, seconds, cost: session.cost(), numTensors: tf.memory().numTensors };
  }

  window.tfjsBench = { init, setup, run };
  document.getElementById("status").textContent = "ready";
})();
