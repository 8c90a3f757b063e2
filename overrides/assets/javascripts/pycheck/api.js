// The page's door to pycheck running in a module Web Worker (see worker.js): this module's default
// export, also set as window.pycheck.
//
//   await pycheck.ready()                       starts loading Python (once) and resolves when ready
//   await pycheck.checkPassword(pw, confirm)    the report's to_dict() in the page's language
//   await pycheck.totp(secret, at, {digits, period, algorithm})   the code, as a string (settings left
//                                               out take pycheck.totp's defaults)
//   await pycheck.practiceStart(scenario, at)   the practice's {state, view} (pycheck.practice)
//   await pycheck.practiceEvent(state, event, fields, at)   the next {state, view}
//
// Nothing of Pyodide is fetched before ready() is called. Arguments are handed to the worker and
// never stored, logged or put in a URL.

// The fallback shows if Python is not ready by then; a boot that finishes later still wins.
const BOOT_PATIENCE_MS = 8000;
// A boot still going after this is given up (its worker stopped, ready() rejected): a download that
// never ends must not hold the page for ever. A slow phone on slow 4G boots in about 45 s (README).
const BOOT_DEADLINE_MS = 90000;
// A call that gets no answer means the worker died or is stuck on that call (a check takes milliseconds,
// a 1 MB paste well under a second); the runtime goes back to "idle" and the next keystroke or call
// starts a new worker. The call that timed out is rejected with a TimeoutError, so its caller can tell
// that its arguments must not be sent again.
const CALL_TIMEOUT_MS = 5000;
const STATES = ["idle", "loading", "ready", "error"];

const runtimeMeta = document.querySelector('meta[name="pycheck-runtime"]');
// Resolved once: instant navigation changes the URL but not this document's <head>.
const RUNTIME = runtimeMeta ? new URL(runtimeMeta.content, document.baseURI).href : null;

let worker = null;
let booting = null;
let state = "idle";
let patience = null;
let deadline = null;
let nextId = 1;
const pending = new Map();
const listeners = new Set();

function setState(next) {
  if (!STATES.includes(next) || next === state) return;
  state = next;
  for (const listener of listeners) listener(state);
}

/** Stops the worker and rejects every call waiting for it; the call `timedOutId` (if any) is rejected
 * with a TimeoutError: its arguments took Python too long, and sending them again would too. */
function stopWorker(reason, timedOutId = null) {
  if (worker) worker.terminate();
  worker = null;
  booting = null;
  clearTimeout(patience);
  clearTimeout(deadline);
  for (const [id, { reject, timer }] of pending) {
    clearTimeout(timer);
    const error = new Error(reason);
    if (id === timedOutId) error.name = "TimeoutError";
    reject(error);
  }
  pending.clear();
}

function call(op, args = []) {
  if (!worker) return Promise.reject(new Error("pycheck is not loaded"));
  const current = worker;
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = op === "boot" ? null : setTimeout(() => lost(current, "pycheck did not answer", id), CALL_TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    current.postMessage({ id, op, args });
  });
}

/** The worker `which` stopped answering (on the call `timedOutId`) or threw: replace it on the next
 * use if it had been ready. */
function lost(which, reason, timedOutId = null) {
  if (worker !== which) return;
  const wasReady = state === "ready";
  stopWorker(reason, timedOutId);
  setState(wasReady ? "idle" : "error");
}

function onMessage({ data }) {
  const entry = pending.get(data.id);
  if (!entry) return;
  pending.delete(data.id);
  clearTimeout(entry.timer);
  if (data.ok) entry.resolve(data.value);
  else entry.reject(new Error(data.error));
}

/** The fallback shows if `current` is still booting after BOOT_PATIENCE_MS; its boot may still win. */
function showFallbackIfStillLoading(current) {
  clearTimeout(patience);
  patience = setTimeout(() => {
    if (worker === current && state === "loading") setState("error");
  }, BOOT_PATIENCE_MS);
}

function start() {
  setState("loading");
  const failure = (message) => {
    stopWorker(message);
    setState("error");
    return Promise.reject(new Error(message));
  };
  if (!RUNTIME) return failure("this page does not say where the Python runtime is");
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    return failure("this browser cannot run WebAssembly in a worker");
  }
  try {
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  } catch (error) {
    return failure(`the worker could not start: ${error.message}`);
  }
  const current = worker;
  // A worker that fails to load, or throws outside a call, is replaced on the next call.
  worker.onerror = (event) => {
    event.preventDefault();
    lost(current, "the worker stopped");
  };
  worker.onmessage = onMessage;
  showFallbackIfStillLoading(current);
  deadline = setTimeout(() => {
    if (worker === current && state !== "ready") {
      stopWorker("Python did not start in time");
      setState("error");
    }
  }, BOOT_DEADLINE_MS);
  const boot = call("boot", [RUNTIME]).then(
    () => {
      clearTimeout(patience);
      clearTimeout(deadline);
      setState("ready");
    },
    (error) => {
      if (worker === current) {
        stopWorker(error.message);
        setState("error");
      }
      throw error;
    },
  );
  return boot;
}

/** Starts loading Python once; resolves when it is ready, rejects if it cannot load. */
function ready() {
  if (state === "ready" && worker) return Promise.resolve();
  if (!booting) {
    const attempt = start();
    booting = attempt;
    attempt.catch(() => {
      if (booting === attempt) booting = null;
    });
  }
  return booting;
}

/** Starts Python again in a fresh worker (the reader pressed «Prøv igjen»): a boot that is still
 * going may be stuck on a download that never ends, so it is stopped, not waited for again. */
function retry() {
  if (state !== "ready") stopWorker("retried");
  return ready();
}

/** The page's language ("nb", "nn", "en" …: the primary tag of <html lang>), which pycheck checks:
 * a language it does not speak is refused with a clear error, never answered in another one. */
function pageLanguage() {
  return (document.documentElement.lang || "nb").toLowerCase().split("-")[0];
}

async function run(op, args) {
  await ready();
  return call(op, args);
}

const pycheck = Object.freeze({
  ready,
  retry,
  /** The report's to_dict() in `lang` (default: the page's language). `confirm` may be null; when
   * `masked` (the page hides the password), no warning quotes its characters. */
  checkPassword: (password, confirm = null, lang = pageLanguage(), masked = false) =>
    run("check", [String(password), confirm == null ? null : String(confirm), lang, Boolean(masked)]),
  /** The TOTP code for a base32 `secret` at Unix time `at` (seconds; default: now). */
  totp: (secret, at = Date.now() / 1000, { digits = null, period = null, algorithm = "sha1" } = {}) =>
    run("code", [String(secret), Number(at), digits, period, algorithm]),
  verifyTotp: (code, secret, at = Date.now() / 1000) => run("verify", [String(code), String(secret), Number(at)]),
  suggestPassword: () => run("suggest", []),
  /** The demo's state: {secret, code, seconds_left, at}; a new secret key when none is given. */
  totpDemo: (secret = null, at = Date.now() / 1000) => run("demo", [secret, Number(at)]),
  /** A new practice from `scenario` ("start", "activation", "make-code", "blocked") at Unix time `at`. */
  practiceStart: (scenario, at = Date.now() / 1000, lang = pageLanguage()) =>
    run("practice_start", [String(scenario), Number(at), lang]),
  /** The practice's next {state, view} after `event` with the screen's `fields` ({name: value}). */
  practiceEvent: (state, event, fields = {}, at = Date.now() / 1000, lang = pageLanguage()) =>
    run("practice_event", [state, String(event), fields, Number(at), lang]),
  get state() {
    return state;
  },
  /** Calls `listener(state)` on every change; returns a function that stops it. */
  onState(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
});

// The widgets import this module's own object and never read the global back: an element with
// id="pycheck" (a heading "## pycheck" is enough) is also window.pycheck, by the browser's named access.
// The global is for the console and the tests; an own property of window wins over an element's name.
window.pycheck = pycheck;
export default pycheck;
