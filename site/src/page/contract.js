// The testing contract, window.playground (docs/ARCHITECTURE.md, "Testing contract"): the page's actions, and
// state(), which joins the state() parts of the page's modules into one object. The e2e tests and the bench read
// it; its field names and meanings are a contract.

/**
 * createContract(actions, parts) → window.playground's object: the actions ({name: function}) and state().
 * parts: objects with state() → an object of contract fields; no two parts may give the same field.
 */
export function createContract(actions, parts) {
  function state() {
    const fields = {};
    for (const part of parts) {
      for (const [key, value] of Object.entries(part.state())) {
        if (key in fields) throw new Error(`two parts of the page give state().${key}`);
        fields[key] = value;
      }
    }
    return fields;
  }
  return { ...actions, state };
}
