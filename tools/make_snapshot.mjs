// A Pyodide memory snapshot with everything the widgets import already imported (run by
// tools/build_runtime.py at `make runtime` time, in Node, with no network).
//
//   node tools/make_snapshot.mjs <runtime dir>
//
// Writes into <runtime dir>:
//   snapshot.bin.gz   the snapshot, gzip -9 (the worker unpacks it with DecompressionStream, so any
//                     static host serves it as it is)
//   snapshot.json     {file, sha256, bytes, raw_sha256, raw_bytes, pyodide, wasm_sha256}: the worker
//                     refuses a snapshot whose sha256 differs (the lock file's hashes do not cover the
//                     code inside it)
//
// Settings: overrides/assets/javascripts/pycheck/runtime.mjs (the same the pages' worker uses).
// Wheels are unpacked with unpackArchive, not loadPackage: after loadPackage the snapshot fails
// ("Unexpected hiwire entry"). Only what is imported here exists in the restored interpreter (its
// file system is not in the snapshot), and the snapshot fits only this exact pyodide.asm.wasm (Pyodide
// checks its build id on restore).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

import {
  SHIPPED_PACKAGES,
  SNAPSHOT_MANIFEST,
  WEB_MODULE,
  pyodideOptions,
} from "../overrides/assets/javascripts/pycheck/runtime.mjs";

const [runtimeArg] = process.argv.slice(2);
if (!runtimeArg) {
  console.error("usage: node tools/make_snapshot.mjs <runtime dir>");
  process.exit(2);
}
const runtime = resolve(runtimeArg) + "/";
globalThis.fetch = async (url) => {
  throw new Error(`network access refused while making the snapshot: ${url}`);
};
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
const pyodide = await loadPyodide(pyodideOptions(runtime, { _makeSnapshot: true }));
const lock = JSON.parse(readFileSync(join(runtime, "pyodide-lock.json"), "utf8"));
const site = pyodide.pyimport("site");
const [sitePackages] = site.getsitepackages().toJs();
site.destroy();
for (const name of SHIPPED_PACKAGES) {
  const entry = lock.packages[name];
  const wheel = readFileSync(join(runtime, entry.file_name));
  if (sha256(wheel) !== entry.sha256) throw new Error(`${entry.file_name}: sha256 differs from the lock file`);
  pyodide.unpackArchive(new Uint8Array(wheel), "wheel", { extractDir: sitePackages });
}
// Everything the worker runs, run once, so that its imports and caches are in the snapshot.
for (const name of SHIPPED_PACKAGES) pyodide.pyimport(name).destroy();
const web = pyodide.pyimport(WEB_MODULE);
web.warm_up();
web.destroy(); // no proxy may outlive the snapshot
const raw = pyodide.makeMemorySnapshot();
const packed = gzipSync(raw, { level: 9 });
const manifest = {
  file: "snapshot.bin.gz",
  sha256: sha256(packed),
  bytes: packed.length,
  raw_sha256: sha256(raw),
  raw_bytes: raw.length,
  pyodide: pyodide.version,
  wasm_sha256: sha256(readFileSync(join(runtime, "pyodide.asm.wasm"))),
};
writeFileSync(join(runtime, manifest.file), packed);
writeFileSync(join(runtime, SNAPSHOT_MANIFEST), JSON.stringify(manifest, null, 2) + "\n");
console.log(`snapshot: ${(raw.length / 1e6).toFixed(1)} MB, ${(packed.length / 1e6).toFixed(1)} MB gzip`);
