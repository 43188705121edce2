// The boot's step timings (runtime.info.timings): each step's milliseconds since the previous one.

/** lapTimer(timings) → lap(name): records in timings[name] the ms since the previous lap (or since this call). */
export function lapTimer(timings) {
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    timings[name] = Math.round(now - last);
    last = now;
  };
}
