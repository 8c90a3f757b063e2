// Experiment (issue 5): a Pyodide memory snapshot with pycheck already imported, made in Node.
//
//   node bench/snapshot/make_snapshot.mjs <runtime dir> <out file>
//
// Wheels are unpacked with unpackArchive, not loadPackage: after loadPackage the snapshot fails
// ("Unexpected hiwire entry"). Only what is imported here exists in the restored interpreter, and
// the snapshot fits only this exact pyodide.asm.wasm.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeArg, outArg] = process.argv.slice(2);
if (!runtimeArg || !outArg) {
  console.error("usage: node bench/snapshot/make_snapshot.mjs <runtime dir> <out file>");
  process.exit(2);
}
const runtime = resolve(runtimeArg) + "/";
globalThis.fetch = async (url) => {
  throw new Error(`network access refused while making the snapshot: ${url}`);
};
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
  const wheel = new Uint8Array(readFileSync(join(runtime, lock.packages[name].file_name)));
  pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
}
// Import what the widgets use, and run it once so lazy imports and caches are in the snapshot.
pyodide.runPython(`
import importlib, json, pkgutil, pycheck, pyotp, segno
for module in pkgutil.walk_packages(pycheck.__path__, "pycheck."):
    if not module.name.endswith("__main__"):  # running the CLI is not importing it
        importlib.import_module(module.name)
# One check of each kind loads the word lists and warms the caches the first keystroke would fill.
json.dumps(pycheck.check_password("Korrekt-Hest-Batteri-9", "Korrekt-Hest-Batteri-9").to_dict("nb"))
pycheck.suggest_password()
`);
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(resolve(outArg), snapshot);
console.log(`${outArg}: ${(snapshot.length / 1e6).toFixed(1)} MB`);
