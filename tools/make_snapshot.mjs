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
// Wheels are unpacked with unpackArchive, not loadPackage: after loadPackage the snapshot fails
// ("Unexpected hiwire entry"). Only what is imported here exists in the restored interpreter (its
// file system is not in the snapshot), and the snapshot fits only this exact pyodide.asm.wasm (Pyodide
// checks its build id on restore).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

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
const pyodide = await loadPyodide({
  indexURL: runtime,
  lockFileURL: join(runtime, "pyodide-lock.json"),
  packageBaseUrl: runtime,
  _makeSnapshot: true,
});
const lock = JSON.parse(readFileSync(join(runtime, "pyodide-lock.json"), "utf8"));
const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
for (const name of ["pycheck", "pyotp", "segno"]) {
  const entry = lock.packages[name];
  const wheel = readFileSync(join(runtime, entry.file_name));
  if (sha256(wheel) !== entry.sha256) throw new Error(`${entry.file_name}: sha256 differs from the lock file`);
  pyodide.unpackArchive(new Uint8Array(wheel), "wheel", { extractDir: sitePackages });
}
// Import what the widgets use (worker.js), and run it once so lazy imports and caches are in the snapshot.
pyodide.runPython(`
import importlib, json, pkgutil, pycheck, pyotp, segno
for module in pkgutil.walk_packages(pycheck.__path__, "pycheck."):
    if module.name.endswith("__main__"):  # running the CLI is not importing it
        continue
    # The restored interpreter has no files: every file-backed cache (word lists, message texts)
    # must be filled now. Each @functools.cache function without parameters is such a loader.
    module = importlib.import_module(module.name)
    for value in list(vars(module).values()):
        if callable(value) and hasattr(value, "cache_info") and getattr(value, "__module__", "") == module.__name__:
            try:
                value()
            except TypeError:  # it takes arguments: filled by the checks below
                pass
for password in ("Korrekt-Hest-Batteri-9", "passord", "Sommer2024!", "Ærlig Øl På Åsen 42!", "P@ssw0rd" * 10,
                 "qwertyuiop123456A!", "Korrekt\u200bHest 9", "🙂Smilefjes-Passord-12!", "  a  b  ", ""):
    for lang in ("nb", "en"):
        json.dumps(pycheck.check_password(password, password).to_dict(lang))
        json.dumps(pycheck.check_password(password, "x").to_dict(lang))
pycheck.suggest_password()
from pycheck import totp
_secret = totp.new_demo_secret()
segno.make(totp.provisioning_uri(_secret, "demo", issuer="demo"), error="m").svg_data_uri(scale=4, border=2)
totp.code(_secret, 0)
del _secret
`);
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
writeFileSync(join(runtime, "snapshot.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`snapshot: ${(raw.length / 1e6).toFixed(1)} MB, ${(packed.length / 1e6).toFixed(1)} MB gzip`);
