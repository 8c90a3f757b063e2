// Test page only: boots the shipped runtime in a module worker, as the widgets do, and lets the test
// run Python in it: `await window.runtimeCheck.run(code)` or `.load(names)`.
const worker = new Worker(new URL("runtime-check-worker.mjs", import.meta.url), { type: "module" });
const pending = new Map();
let nextId = 0;
worker.onmessage = ({ data }) => {
  const { resolve, reject } = pending.get(data.id);
  pending.delete(data.id);
  if ("error" in data) reject(new Error(data.error));
  else resolve(data.result);
};
function call(kind, payload) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, kind, payload });
  });
}
window.runtimeCheck = {
  run: (code) => call("run", code),
  load: (names) => call("load", names),
};
const state = document.getElementById("state");
call("ready").then(
  () => { state.dataset.state = "ready"; state.textContent = "ready"; },
  (error) => { state.dataset.state = "error"; state.textContent = String(error); },
);
