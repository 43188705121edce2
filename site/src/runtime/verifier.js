// The worker that turns the bundles' texts into bytes and checks their sha256 (worker/verify.js), beside the boot
// worker: neither the page's main thread nor the boot worker's thread (which imports, decodes and restores
// meanwhile) does that per-byte work. It is the runtime's worker script too, made a verifier by a "connect"
// message; the verified bytes go to the boot worker through a MessageChannel (transferred, not copied).
import { BootError } from "./errors.js";
import { fileMessage } from "./transfer.js";
import { WorkerHost } from "./worker-host.js";

/**
 * Starts a verifier whose files go through `port` (the boot worker's end: transfer it in the boot request).
 * verify(name, file) → Promise of the worker's {toBytes, hash} (ms), or a BootError naming the file and its
 * bundle; close() ends the verifier once nothing more is to be verified.
 */
export function startVerifier() {
  const host = new WorkerHost("colornet-verify");
  const channel = new MessageChannel();
  host.post("connect", { port: channel.port1 }, [channel.port1]);
  let crashed;
  const crash = new Promise((_, reject) => (crashed = reject));
  crash.catch(() => {}); // reported by the verify() calls it fails
  host.on("crash", (e) => crashed(new BootError("runtime", e.file || "worker", `the verifying worker failed: ${e.message}`)));
  return {
    port: channel.port2,
    verify: (name, file) => Promise.race([host.call("file", fileMessage(name, file)), crash]),
    close: () => host.terminate("the runtime files are verified"),
  };
}
