// Colours as text: "#rrggbb", the one form the page stores, shows and uses as CSS.

const HEX = /^#?([0-9a-f]{6})$/i;

/** "#rrggbb" in lower case for "#RRGGBB" or "rrggbb" (a typed or linked colour), else null. */
export function parseHex(text) {
  const m = typeof text === "string" ? HEX.exec(text) : null;
  return m ? "#" + m[1].toLowerCase() : null;
}

/** True for a plain "#rrggbb" (either case), the only text the page uses as a CSS colour. */
export function isHex(text) {
  return typeof text === "string" && text.startsWith("#") && HEX.test(text);
}
