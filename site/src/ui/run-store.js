// Where the run history lives: IndexedDB (database "colornet-playground", object store "runs"), or localStorage
// (key "colornet-playground/runs/v1") when IndexedDB is missing or refuses to open, or only memory when both
// refuse. The store keeps the newest RUN_LIMIT runs. A browser that refuses a write (quota, private mode) gets a
// {stored: false, reason} answer instead of an exception, and the run stays listed for this session.
// The same store keeps the data the user chose to keep (issue 21, off by default): one record with the id KEPT_ID
// beside the runs (never listed as a run; no new object store, so no database upgrade that an open tab could block),
// or the localStorage key "colornet-playground/data/v1"; clear() deletes it with the runs.

export const RUN_LIMIT = 200;
export const DB_NAME = "colornet-playground";
export const LOCAL_KEY = "colornet-playground/runs/v1";
export const LOCAL_DATA_KEY = "colornet-playground/data/v1";
export const KEPT_ID = "~kept-data"; // run ids are "r…"
const STORE = "runs";

const newestFirst = (a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1);

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function transaction(db, mode, work) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const result = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("the IndexedDB transaction was aborted"));
  });
}

function openDatabase() {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: "id" });
  return request(open);
}

/** Deletes the database itself (clear), once `db` is closed: nothing of the page stays in IndexedDB. */
function deleteDatabase() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

async function openIndexedDb() {
  if (!self.indexedDB) throw new Error("this browser has no IndexedDB here");
  let db = await openDatabase(); // null after clear() deleted the database: opened again by the next write
  const writable = async () => (db ||= await openDatabase());
  return {
    kind: "IndexedDB",
    where: `IndexedDB (database "${DB_NAME}")`,
    async all() {
      if (!db) return [];
      const store = db.transaction(STORE).objectStore(STORE);
      return (await request(store.getAll())).filter((r) => r.id !== KEPT_ID);
    },
    put: async (record) => transaction(await writable(), "readwrite", (s) => s.put(record)),
    remove: async (ids) => db && transaction(db, "readwrite", (s) => ids.forEach((id) => s.delete(id))),
    async getKept() {
      if (!db) return null;
      return (await request(db.transaction(STORE).objectStore(STORE).get(KEPT_ID))) ?? null;
    },
    putKept: async (record) => transaction(await writable(), "readwrite", (s) => s.put(record)),
    removeKept: async () => db && transaction(db, "readwrite", (s) => s.delete(KEPT_ID)),
    async clear() {
      if (db) db.close();
      db = null;
      await deleteDatabase();
    },
  };
}

function localStore() {
  const read = () => JSON.parse(localStorage.getItem(LOCAL_KEY) || "[]");
  const write = (runs) => localStorage.setItem(LOCAL_KEY, JSON.stringify(runs));
  read(); // throws when localStorage is disabled
  return {
    kind: "localStorage",
    where: `localStorage (key "${LOCAL_KEY}")`,
    all: async () => read(),
    put: async (record) => write([...read().filter((r) => r.id !== record.id), record]),
    remove: async (ids) => write(read().filter((r) => !ids.includes(r.id))),
    getKept: async () => JSON.parse(localStorage.getItem(LOCAL_DATA_KEY) || "null"),
    putKept: async (record) => localStorage.setItem(LOCAL_DATA_KEY, JSON.stringify(record)),
    removeKept: async () => localStorage.removeItem(LOCAL_DATA_KEY),
    clear: async () => (localStorage.removeItem(LOCAL_KEY), localStorage.removeItem(LOCAL_DATA_KEY)),
  };
}

function memoryStore() {
  let runs = [];
  let kept = null;
  return {
    kind: "memory",
    where: "this tab's memory only (the browser refuses IndexedDB and localStorage here)",
    all: async () => runs,
    put: async (record) => (runs = [...runs.filter((r) => r.id !== record.id), record]),
    remove: async (ids) => (runs = runs.filter((r) => !ids.includes(r.id))),
    getKept: async () => kept,
    putKept: async (record) => (kept = record),
    removeKept: async () => (kept = null),
    clear: async () => ((runs = []), (kept = null)),
  };
}

function describe(err) {
  const name = err && err.name;
  if (name === "QuotaExceededError" || /quota/i.test(String(err && err.message))) {
    return "the browser's storage for this page is full";
  }
  return `${name || "Error"}: ${(err && err.message) || err}`;
}

/**
 * openRunStore({limit, backends}) → {kind, where, list(), add(record), remove(id), clear(), kept(), keep(value),
 * forget()}.
 * list() is newest first. add() resolves {stored: true} or {stored: false, reason}; runs that could not be stored
 * are kept in memory so the panel still lists them until the page is closed.
 */
export async function openRunStore({ limit = RUN_LIMIT, backends = [openIndexedDb, localStore, memoryStore] } = {}) {
  let backend = null;
  const refusals = [];
  for (const open of backends) {
    try {
      backend = await open();
      break;
    } catch (err) {
      refusals.push(describe(err));
    }
  }
  const unsaved = new Map(); // id → record the browser refused to store
  const ordered = async () => {
    const runs = [...(await backend.all()), ...unsaved.values()];
    return runs.sort(newestFirst);
  };
  return {
    kind: backend.kind,
    where: backend.where,
    refusals,
    limit,
    list: ordered,
    async add(record) {
      try {
        await backend.put(record);
        unsaved.delete(record.id);
        const stored = (await backend.all()).sort(newestFirst);
        if (stored.length > limit) await backend.remove(stored.slice(limit).map((r) => r.id));
        return { stored: true };
      } catch (err) {
        unsaved.set(record.id, record);
        return { stored: false, reason: describe(err) };
      }
    },
    /** Writes `record` as it is (no trim, no error): a running run's checkpoint. Resolves to true when stored. */
    async put(record) {
      try {
        await backend.put(record);
        return true;
      } catch {
        return false;
      }
    },
    async remove(id) {
      unsaved.delete(id);
      await backend.remove([id]);
    },
    async clear() {
      unsaved.clear();
      await backend.clear();
    },
    /**
     * The kept data's value as keep() stored it, or null when none is kept; undefined for a damaged record (no value);
     * rejects when the browser cannot read it.
     */
    async kept() {
      const record = await backend.getKept();
      return record == null ? null : record.value;
    },
    /** Keeps `value` (a structured-cloneable, JSON-able object) in place of the kept one: {stored} as add(). */
    async keep(value) {
      try {
        await backend.putKept({ id: KEPT_ID, value });
        return { stored: true };
      } catch (err) {
        return { stored: false, reason: describe(err) };
      }
    },
    /** Removes the kept data (nothing is kept afterwards). */
    forget: async () => backend.removeKept(),
  };
}
