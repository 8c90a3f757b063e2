// Module Web Worker: runs the pycheck wheel in the self-hosted Pyodide, off the page's main thread.
//
// Messages in:  {id, op, args}     op: "boot", or one of pycheck.web.OPERATIONS ("check", "code", …)
// Messages out: {id, ok: true, value} or {id, ok: false, error}
// Every operation is a function of pycheck/web.py, called by name: no Python is written here.
// Nothing here logs, stores or sends what it is given: it computes and answers the page, that's all.
import {
  BOOT_PACKAGES,
  SHIPPED_PACKAGES,
  SNAPSHOT_MANIFEST,
  SNAPSHOT_STDLIB,
  WEB_MODULE,
  loadPackages,
  pyodideOptions,
} from "./runtime.mjs";
// Written at build time by tools/deploy.py: the runtime's versioned folder (inside the runtime address
// the page gives) and the sha256 of snapshot.json, pyodide-lock.json and the wasm.
import { RUNTIME_FOLDER, RUNTIME_SHA256 } from "./integrity.mjs";

let pyodide = null;
// pycheck.web's operations by name.
let operations = null;

// Pyodide reports a wasm or stdlib download that failed on the console and then waits forever;
// these messages make the boot fail at once instead, so the page can show its fallback.
const FATAL = ["wasm instantiation failed", "installing the standard library"];
let onFatal = null;
for (const level of ["warn", "error"]) {
  const original = console[level];
  console[level] = (...items) => {
    const text = items.map(String).join(" ");
    if (onFatal && FATAL.some((fatal) => text.includes(fatal))) onFatal(new Error(text));
    original.apply(console, items);
  };
}

// --- integrity: every file comes from the runtime folder, by a plain name, checked ----------------
// snapshot.json and pyodide-lock.json must have the sha256 the build recorded (integrity.mjs), and
// they name the snapshot and the wheels by plain file names with their sha256; the wasm is fetched
// with the browser's own integrity check. Every fetch of this worker, Pyodide's included, goes through
// `gatedFetch`, which refuses any address that is not a plain file name inside the runtime folder: so
// no single changed file can send the worker to another origin or folder.
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const WASM = "pyodide.asm.wasm";
const nativeFetch = globalThis.fetch.bind(globalThis);
let runtimeBase = null;

/** The plain file name `url` names inside the runtime folder, or null. */
function runtimeFile(url) {
  if (!runtimeBase) return null;
  const target = new URL(url, runtimeBase);
  if (target.origin !== runtimeBase.origin || target.search || target.hash) return null;
  if (!target.pathname.startsWith(runtimeBase.pathname)) return null;
  const name = target.pathname.slice(runtimeBase.pathname.length);
  return PLAIN_NAME.test(name) ? name : null;
}

function gatedFetch(input, init = {}) {
  const url = input instanceof Request ? input.url : String(input);
  const name = runtimeFile(url);
  if (!name) return Promise.reject(new TypeError(`refused: ${url.slice(0, 200)} is not a file of the runtime folder`));
  const integrity = name === WASM ? { integrity: `sha256-${base64(RUNTIME_SHA256[WASM])}` } : {};
  return nativeFetch(url, { ...init, ...integrity });
}
globalThis.fetch = gatedFetch;

function base64(hex) {
  return btoa(String.fromCharCode(...hex.match(/../g).map((pair) => parseInt(pair, 16))));
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The parsed JSON file `name` of the runtime folder, refused unless its sha256 is the build's. */
async function pinnedJson(name) {
  const bytes = await (await fetchOk(new URL(name, runtimeBase).href)).arrayBuffer();
  if (!SHA256_HEX.test(RUNTIME_SHA256[name] ?? "") || (await sha256Hex(bytes)) !== RUNTIME_SHA256[name]) {
    throw new Error(`${name}: sha256 differs from the build's`);
  }
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The lock file, refused unless pinned and every wheel is a plain file name with a sha256. */
async function checkedLock() {
  const lock = await pinnedJson("pyodide-lock.json");
  for (const [name, entry] of Object.entries(lock.packages ?? {})) {
    if (!PLAIN_NAME.test(entry?.file_name ?? "") || !SHA256_HEX.test(entry?.sha256 ?? "")) {
      throw new Error(`pyodide-lock.json: ${name.slice(0, 40)} is not a plain file name with its sha256`);
    }
  }
  return lock;
}

// --- the memory snapshot (made by tools/make_snapshot.mjs at `make runtime` time) ----------------
// Restoring it skips the interpreter's start and every import pycheck needs (3-5x faster to the first
// verdict), at the cost of downloading it (snapshot.json says how big). On a slow network its bytes
// cost more time than the CPU it saves, and browsers do not say reliably how fast the network is
// (Chromium's navigator.connection.downlink is a coarse default until it has measured traffic), so
// the worker measures the download itself: if, after `probeMs`, the rest would take longer than
// `maxDownloadMs`, it stops and boots normally (figures: README, "Figures"). From the HTTP cache it
// always passes. Any other failure (no manifest, no file, sha256 mismatch, a pyodide.asm.wasm of
// another build, a restore error) also falls back to the normal boot.
const SNAPSHOT = {
  probeMs: 800,
  // The CPU time a restore saves over a normal boot, about 3 s on a desktop and more on a phone:
  // a download that takes longer than this is a net loss.
  maxDownloadMs: 3000,
  // An attempt that takes longer than this gives way to the normal boot (the page's own patience
  // shows the fallback after 8 s whatever happens here).
  timeoutMs: 20000,
};

async function fetchOk(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

/** The snapshot's manifest, or null when there is none or this browser cannot check it. */
async function snapshotManifest(runtime) {
  if (!globalThis.crypto?.subtle || typeof DecompressionStream !== "function") return null;
  if (navigator.connection?.saveData) return null;
  try {
    const manifest = await pinnedJson(SNAPSHOT_MANIFEST);
    if (!PLAIN_NAME.test(manifest?.file ?? "") || !SHA256_HEX.test(manifest.sha256 ?? "")) return null;
    if (!(manifest.bytes > 0)) return null;
    // A snapshot fits only the wasm it was made with.
    if (manifest.wasm_sha256 !== RUNTIME_SHA256[WASM]) return null;
    return { ...manifest, url: new URL(manifest.file, runtime).href };
  } catch {
    return null;
  }
}

/** Downloads `url` (`bytes` long), giving up as soon as the rate says it would take too long. */
async function download(url, bytes) {
  const started = performance.now();
  const response = await fetchOk(url);
  const reader = response.body.getReader();
  const chunks = [];
  let received = 0;
  let tooSlow = false;
  const probe = setTimeout(() => {
    const elapsed = performance.now() - started;
    if (received < bytes && (received === 0 || (elapsed * bytes) / received > SNAPSHOT.maxDownloadMs)) {
      tooSlow = true;
      reader.cancel().catch(() => {});
    }
  }, SNAPSHOT.probeMs);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
    }
  } finally {
    clearTimeout(probe);
  }
  if (tooSlow) throw new Error("snapshot: the network is too slow for it");
  return new Blob(chunks);
}

/** The snapshot's bytes, refused unless their sha256 is the one recorded at build time. */
async function snapshotBytes({ url, sha256, bytes }) {
  const packed = await download(url, bytes);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await packed.arrayBuffer()));
  const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  if (hex !== sha256) throw new Error("snapshot: sha256 mismatch");
  const stream = packed.stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function startPyodide(loadPyodide, runtime, extra = {}) {
  let fail;
  const failed = new Promise((_, reject) => {
    fail = reject;
  });
  onFatal = fail;
  return Promise.race([
    failed,
    loadPyodide(pyodideOptions(runtime, { stdout: () => {}, stderr: () => {}, ...extra })),
  ]).finally(() => {
    if (onFatal === fail) onFatal = null;
  });
}

async function fromSnapshot(loadPyodide, runtime, lock, manifest) {
  let timer;
  const tooSlow = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("snapshot: too slow")), SNAPSHOT.timeoutMs);
  });
  try {
    const restored = await Promise.race([
      tooSlow,
      // The restored interpreter already imported everything the widgets run (pycheck.web.warm_up ran
      // before the snapshot was taken), so it never reads the 2.5 MB python_stdlib.zip: a 22-byte empty
      // zip built beside the snapshot stands in for it. A normal boot (the fallback) fetches the real one.
      startPyodide(loadPyodide, runtime, {
        ...lock,
        _loadSnapshot: snapshotBytes(manifest),
        stdLibURL: new URL(SNAPSHOT_STDLIB, runtime).href,
      }),
    ]);
    // The snapshot must hold every shipped package, and its frozen `random` state is reseeded; a
    // restore that cannot do both is not used.
    for (const name of SHIPPED_PACKAGES) restored.pyimport(name).destroy();
    restored.pyimport(WEB_MODULE).after_restore();
    return restored;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Boots Python from the runtime at the page's address `pageRuntime` (…/pyodide/): its files are in
 * the versioned folder RUNTIME_FOLDER there, which the host may cache for ever. */
async function boot(pageRuntime) {
  if (!/^[0-9a-f]{16}\/$/.test(RUNTIME_FOLDER)) throw new Error("integrity.mjs names no runtime folder");
  runtimeBase = new URL(RUNTIME_FOLDER, new URL(pageRuntime));
  if (runtimeBase.origin !== self.location.origin) throw new Error("the runtime must be on this site");
  const runtime = runtimeBase.href;
  // Asked for at once: the lock file (Pyodide is given the checked copy instead of fetching it
  // itself), Pyodide's loader, and the snapshot's manifest. All three are let finish before a
  // failure of one ends the boot, so no request is left behind when the worker is stopped.
  const [lockContents, { loadPyodide }, manifest] = settledOrThrow(await Promise.allSettled([
    checkedLock(),
    import(new URL("pyodide.mjs", runtime).href),
    snapshotManifest(runtime),
  ]));
  const lock = { lockFileURL: undefined, lockFileContents: lockContents };
  pyodide = manifest && (await fromSnapshot(loadPyodide, runtime, lock, manifest));
  if (!pyodide) {
    pyodide = await startPyodide(loadPyodide, runtime, lock);
    await loadPackages(pyodide, BOOT_PACKAGES);
  }
  const web = pyodide.pyimport(WEB_MODULE);
  operations = Object.fromEntries(plain(web.OPERATIONS).map((name) => [name, web[name]]));
  return pyodide.version;
}

/** The values of Promise.allSettled's `results`; the first reason if any was rejected. */
function settledOrThrow(results) {
  const failed = results.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((result) => result.value);
}

/** A Python result as plain JSON-ready JavaScript (dicts become objects); the proxy is released. */
function plain(value) {
  if (!(value instanceof pyodide.ffi.PyProxy)) return value;
  try {
    return value.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
  } finally {
    value.destroy();
  }
}

/** `value` with every null, at any depth, as undefined: Pyodide turns a JS null into `jsnull`, not None. */
function withoutNull(value) {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map(withoutNull);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNull(v)]));
  return value;
}

/** An argument as Python gets it: plain values as they are, null as None, and objects and arrays as a
 * dict or a list (a copy, so Python never holds a proxy of the page's data). */
function toPython(arg) {
  const value = withoutNull(arg);
  return value !== null && typeof value === "object" ? pyodide.toPy(value) : value;
}

function run(op, args) {
  if (!operations) throw new Error("not booted");
  if (!Object.hasOwn(operations, op)) throw new Error(`unknown operation ${String(op).slice(0, 40)}`);
  const pythonArgs = args.map(toPython);
  try {
    return plain(operations[op](...pythonArgs));
  } finally {
    for (const arg of pythonArgs) if (arg instanceof pyodide.ffi.PyProxy) arg.destroy();
  }
}

self.onmessage = async ({ data: { id, op, args } }) => {
  try {
    const value = op === "boot" ? await boot(args?.[0]) : run(op, args ?? []);
    self.postMessage({ id, ok: true, value });
  } catch (error) {
    // A failed check answers without Python's message, which could quote the password.
    const message = op === "check" || op === "verify" ? `${op} failed` : String(error?.message ?? error);
    self.postMessage({ id, ok: false, error: message.slice(0, 500) });
  }
};
