// Boots Pyodide from ../pyodide/ on this page's origin with the pages' own settings (runtime.mjs).
import { loadPyodide } from "../pyodide/pyodide.mjs";
import { BOOT_PACKAGES, loadPackages, pyodideOptions } from "../assets/javascripts/pycheck/runtime.mjs";

const base = new URL("../pyodide/", import.meta.url).href;
const ready = (async () => {
  const pyodide = await loadPyodide(pyodideOptions(base));
  await loadPackages(pyodide, BOOT_PACKAGES);
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
