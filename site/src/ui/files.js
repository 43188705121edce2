// Saving and opening files without a server: a Blob download link, and FileReader-free text reads.

/** Offers `text` as a download named `name`. */
export function downloadText(name, text, type = "text/plain") {
  const url = URL.createObjectURL(new Blob([text], { type }));
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
