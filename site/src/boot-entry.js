// Entry point of the boot bundle (esbuild IIFE → site/dist/boot.js), loaded by a <script> before app.js so the
// Python runtime starts booting at once; its bundles' scripts wait for the page's own (runtime/bundles.js).
// It exposes the boot to the page: window.colornetBootPromise (resolves with the runtime, rejects with a
// BootError) and window.colornetBootProgress(listener) (replays the progress so far, returns unsubscribe).
import { startRuntime, subscribeProgress } from "./runtime/index.js";

self.colornetBootProgress = subscribeProgress;
self.colornetBootPromise = startRuntime();
self.colornetBootPromise.catch(() => {}); // reported by the page (main.js)
