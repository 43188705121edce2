// sha256 of bytes as lowercase hex. Uses WebCrypto (crypto.subtle) when the page is a secure context, and the
// audited @noble/hashes implementation (pinned in package.json) otherwise, so the integrity check never silently
// disappears.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

export async function sha256Hex(bytes) {
  if (globalThis.crypto && crypto.subtle) {
    return bytesToHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
  }
  return bytesToHex(sha256(bytes));
}
