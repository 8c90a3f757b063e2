// Boots Pyodide from ../pyodide/ on this page's origin with the load call the widgets use.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const base = new URL("../pyodide/", import.meta.url).href;
const ready = (async () => {
  const pyodide = await loadPyodide({
    indexURL: base,
    lockFileURL: base + "pyodide-lock.json",
    packageBaseUrl: base,
    stdLibURL: base + "python_stdlib.zip",
  });
  // loadPackage does not reject when a package fails (a refused integrity check included): it reports
  // through errorCallback and leaves the package out. Only a package it returns was installed.
  const errors = [];
  const loaded = await pyodide.loadPackage(["pycheck"], {
    checkIntegrity: true,
    errorCallback: (message) => errors.push(message),
  });
  if (!loaded.some((pkg) => pkg.name === "pycheck")) {
    throw new Error(`pycheck did not load: ${errors.join(" ")}`);
  }
  return pyodide;
})();

self.onmessage = async ({ data: { id, kind, payload } }) => {
  try {
    const pyodide = await ready;
    let result = null;
    if (kind === "run") result = await pyodide.runPythonAsync(payload);
    if (kind === "load") {
      await pyodide.loadPackage(payload, { checkIntegrity: true });
      result = Object.keys(pyodide.loadedPackages);
    }
    self.postMessage({ id, result });
  } catch (error) {
    self.postMessage({ id, error: String(error) });
  }
};
