// How everything that starts Pyodide starts it: the pages' worker (worker.js), the snapshot maker
// (tools/make_snapshot.mjs), pycheck's test run inside Pyodide (tests/pyodide/) and the benchmark.
// One home for the settings, so that what is tested and measured is what the pages run.
//
// `base` is the runtime folder the site ships (site/pyodide/, built by tools/build_runtime.py), as a URL
// in a browser or a path under Node, ending in "/".

/** The packages a normal boot loads by name from the lock file (pyotp comes as pycheck's dependency). */
export const BOOT_PACKAGES = ["pycheck"];

/** Every wheel the lock file lists: the memory snapshot has all of them imported. */
export const SHIPPED_PACKAGES = ["pycheck", "pyotp"];

/** The module whose functions are the worker's operations (pycheck/web.py). */
export const WEB_MODULE = "pycheck.web";

/** The memory snapshot's manifest, and the empty standard library a restored snapshot is given. */
export const SNAPSHOT_MANIFEST = "snapshot.json";
export const SNAPSHOT_STDLIB = "snapshot-stdlib.zip";

/** loadPyodide's options for the runtime in `base`; `extra` adds or overrides (a snapshot, a cache dir). */
export function pyodideOptions(base, extra = {}) {
  return {
    indexURL: base,
    lockFileURL: base + "pyodide-lock.json",
    // Also where Pyodide would look for a package the lock file does not know: never a CDN.
    packageBaseUrl: base,
    stdLibURL: base + "python_stdlib.zip",
    ...extra,
  };
}

/** Loads `names` with the lock file's integrity check; rejects naming any package that did not load.
 *
 * loadPackage does not reject when a package fails (a refused integrity check included): it reports
 * through errorCallback and leaves the package out, so only what ends in loadedPackages counts. */
export async function loadPackages(pyodide, names) {
  const errors = [];
  await pyodide.loadPackage(names, {
    checkIntegrity: true,
    messageCallback: () => {},
    errorCallback: (message) => errors.push(message),
  });
  const missing = names.filter((name) => !(name in pyodide.loadedPackages));
  if (missing.length) throw new Error(`could not load ${missing.join(", ")}: ${errors.join("; ")}`);
}
