// windows-1252 as the WHATWG Encoding Standard (and so every browser) decodes it: 0x80–0x9F map to these code
// points, every other byte to itself. The runtime bundles carry one byte per character of a script decoded this
// way (the worker reads them back with stringToBytes, worker/verify.js; single-file/compose.js hashes the single
// file's inline scripts with cp1252Decode).
// Node's TextDecoder("windows-1252") decodes 0x80–0x9F as latin1 does, so it cannot be used for this.
export const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d,
  0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d,
  0x17e, 0x178,
];

/** The text a browser reads from `bytes` decoded as windows-1252. */
export function cp1252Decode(bytes) {
  const codes = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    codes[i] = b >= 0x80 && b < 0xa0 ? CP1252_80_9F[b - 0x80] : b;
  }
  let text = "";
  for (let i = 0; i < codes.length; i += 0x8000) text += String.fromCharCode.apply(null, codes.subarray(i, i + 0x8000));
  return text;
}

// Code point → byte, -1 where no byte decodes to that code point.
const CODE_TO_BYTE = new Int16Array(0x2123).fill(-1);
for (let b = 0; b < 256; b++) CODE_TO_BYTE[b >= 0x80 && b < 0xa0 ? CP1252_80_9F[b - 0x80] : b] = b;

/** The bytes a windows-1252-decoded string stands for (cp1252Decode's inverse); throws on a character no byte
 * decodes to. One table look-up per character: ~3.5 ns each in V8 (12 MB of bundles: ~45 ms, in the worker). */
export function stringToBytes(text) {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const b = code < 0x2123 ? CODE_TO_BYTE[code] : -1;
    if (b < 0) throw new Error(`character U+${code.toString(16)} at offset ${i} is not a windows-1252 byte: the bundle was decoded with another charset (a web server must not send charset=utf-8 for dist/runtime-*.js)`);
    bytes[i] = b;
  }
  return bytes;
}
