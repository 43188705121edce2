// Writes site/colornet-playground.html (the whole playground in one file) and site/dist/single-parts.js (the texts
// the multi-file page needs for Save as HTML), with the same composer the page uses (site/src/single-file/
// compose.js). build.py bundles this file for Node with esbuild and runs it: `node single-file.cjs SITE OUT`.
//
// The runtime files are taken from the built dist/runtime-*.js themselves (read as latin1, so each character's code
// is its byte), and each one's sha256 is checked against the manifest, so the single file carries exactly the
// bytes the multi-file page ships.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { composeSingleFile } from "../site/src/single-file/compose.js";

function shippedFiles(site, manifest) {
  const files = new Map();
  for (const [bundle, info] of Object.entries(manifest.bundles)) {
    let carried = null;
    vm.runInNewContext(readFileSync(join(site, info.file), "latin1"), {
      self: { colornetRuntimeBundle: (name, value) => (carried = name === bundle ? value : null) },
    });
    if (!carried) throw new Error(`${info.file} did not register bundle ${bundle}`);
    for (const entry of manifest.files.filter((f) => f.bundle === bundle)) {
      const text = carried[entry.name];
      const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
      const sha = createHash("sha256").update(bytes).digest("hex");
      if (sha !== entry.sha256) throw new Error(`${entry.name} in ${info.file}: sha256 ${sha}, manifest ${entry.sha256}`);
      files.set(entry.name, bytes);
    }
  }
  return files;
}

async function main([site, out]) {
  if (!site || !out) throw new Error("usage: node single-file.cjs SITE_DIR OUT_FILE");
  const read = (path) => readFileSync(join(site, path), "utf8");
  const manifest = JSON.parse(read("dist/runtime-manifest.json"));
  const parts = {
    indexHtml: read("index.html"),
    css: `${read("dist/app.css")}\n${read("style.css")}`,
    boot: read("dist/boot.js"),
    app: read("dist/app.js"),
  };
  const files = shippedFiles(site, manifest);
  const html = await composeSingleFile({ ...parts, manifest, shipped: async (name) => files.get(name) });
  writeFileSync(out, html);
  // For Save as HTML in the multi-file page, which cannot read its own files from file://: a classic script.
  writeFileSync(join(site, "dist", "single-parts.js"),
    `self.colornetSingleParts=${JSON.stringify(parts).replace(/[^\x00-\x7f]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)};\n`);
  console.log(`${out}: ${(html.length / 1e6).toFixed(2)} MB`);
}

main(process.argv.slice(2)).catch((err) => {
  console.error(`single-file: ${err.message}`);
  process.exit(1);
});
