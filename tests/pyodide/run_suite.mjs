// Runs pytest INSIDE Pyodide under Node, on the same runtime, pycheck wheel and lock file the site ships.
//
//   node tests/pyodide/run_suite.mjs <test path relative to the repo>... [-- <pytest args>]
//
// Offline by construction: Pyodide and every shipped wheel come from build/pyodide/ (`make runtime`,
// loaded by name through its pyodide-lock.json with the integrity check, with the settings the pages'
// worker uses: overrides/assets/javascripts/pycheck/runtime.mjs), pytest,
// hypothesis and their dependencies from the hash-pinned wheels in build/pyodide-test-wheels/.
// Any attempt to fetch over the network fails the run (exit 3). Exits with pytest's exit code.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { SHIPPED_PACKAGES, loadPackages, pyodideOptions } from "../../overrides/assets/javascripts/pycheck/runtime.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const RUNTIME = join(ROOT, "build", "pyodide");
const TEST_WHEELS = join(ROOT, "build", "pyodide-test-wheels");
const SUITE = "/suite"; // where the test files are copied inside Pyodide's in-memory file system

const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const testPaths = dash < 0 ? argv : argv.slice(0, dash);
const pytestArgs = dash < 0 ? [] : argv.slice(dash + 1);
if (testPaths.length === 0) {
  console.error("usage: node tests/pyodide/run_suite.mjs <test path>... [-- <pytest args>]");
  process.exit(2);
}

// Nothing may come from the network: fail loudly instead of silently reaching a CDN.
const offNetwork = [];
globalThis.fetch = async (url) => {
  offNetwork.push(String(url));
  throw new Error(`network access refused in the Pyodide test run: ${url}`);
};

const { loadPyodide } = await import(pathToFileURL(join(RUNTIME, "pyodide.mjs")).href);
const pyodide = await loadPyodide(pyodideOptions(RUNTIME + "/", { packageCacheDir: RUNTIME + "/" }));
// Pass Python's output through unchanged (pytest's progress dots stay on one line). The bytes are a
// view into wasm memory that Python reuses, and a pipe writes later: copy them.
const passThrough = (stream) => ({ write: (bytes) => (stream.write(Buffer.from(bytes)), bytes.length) });
pyodide.setStdout(passThrough(process.stdout));
pyodide.setStderr(passThrough(process.stderr));

// The site's own lock file, as the browser uses it: every shipped wheel, sha256-checked.
await loadPackages(pyodide, SHIPPED_PACKAGES);
// The test tools, from local wheels (the lock file does not know them).
const testWheels = readdirSync(TEST_WHEELS).filter((name) => name.endsWith(".whl"));
if (testWheels.length === 0) {
  console.error(`${TEST_WHEELS} holds no wheels: run \`make pyodide-test-wheels\``);
  process.exit(2);
}
await pyodide.loadPackage(testWheels.map((name) => join(TEST_WHEELS, name)), { checkIntegrity: false });

function copyTree(hostPath, fsPath) {
  if (statSync(hostPath).isDirectory()) {
    pyodide.FS.mkdirTree(fsPath);
    for (const name of readdirSync(hostPath)) {
      if (name === "__pycache__" || name.startsWith(".")) continue;
      copyTree(join(hostPath, name), `${fsPath}/${name}`);
    }
  } else {
    pyodide.FS.mkdirTree(fsPath.slice(0, fsPath.lastIndexOf("/")));
    pyodide.FS.writeFile(fsPath, readFileSync(hostPath));
  }
}

// pytest's configuration (markers, --strict-markers) travels with the tests; pycheck's sources do not:
// the tests import the installed wheel.
pyodide.FS.mkdirTree(SUITE);
copyTree(join(ROOT, "pyproject.toml"), `${SUITE}/pyproject.toml`);
copyTree(join(ROOT, "tests", "pyodide", "pyodide_plugin.py"), `${SUITE}/pyodide_plugin.py`);
const suitePaths = testPaths.map((path) => {
  const rel = relative(ROOT, resolve(ROOT, path)).split("\\").join("/");
  copyTree(join(ROOT, rel), `${SUITE}/${rel}`);
  return rel;
});

const sys = pyodide.pyimport("sys");
sys.path.insert(0, SUITE);
const code = pyodide.pyimport("pyodide_plugin").main(SUITE, pyodide.toPy([...suitePaths, ...pytestArgs]));
if (offNetwork.length > 0) {
  console.error(`refused network requests: ${offNetwork.join(", ")}`);
  process.exit(3);
}
process.exit(code);
