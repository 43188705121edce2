// Saving and opening files without a server: a Blob download link, and FileReader-free text reads.

/** Offers `text` as a download named `name`. */
export function downloadText(name, text, type = "text/plain") {
  downloadBlob(name, new Blob([text], { type }));
}

/** Offers a Blob (or bytes) as a download named `name`. */
export function downloadBlob(name, blob) {
  const url = URL.createObjectURL(blob instanceof Blob ? blob : new Blob([blob]));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The text of a File chosen in an <input type=file>. */
export function readFileText(file) {
  return file.text();
}
