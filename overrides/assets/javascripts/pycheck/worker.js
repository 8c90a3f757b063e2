// Module Web Worker: runs the pycheck wheel in the self-hosted Pyodide, off the page's main thread.
//
// Messages in:  {id, op, args}     op: "boot" | "load" | "check" | "suggest" | "totp" | "verify" | "demo"
// Messages out: {id, ok: true, value} or {id, ok: false, error}
// Nothing here logs, stores or sends what it is given: it computes and answers the page, that's all.

const PYTHON = `
import json
from pycheck import check_password, suggest_password


def _totp():
    # Imported on first use, like pycheck does itself: the checker alone never loads pyotp.
    from pycheck import totp

    return totp


def _check(password, confirm, lang):
    return json.dumps(check_password(password, confirm).to_dict(lang), ensure_ascii=False)


def _suggest():
    return suggest_password()


def _code(secret, at, digits, period, algorithm):
    return _totp().code(secret, at, digits=digits, period=period, algorithm=algorithm)


def _verify(code, secret, at):
    return bool(_totp().verify(code, secret, at))


def _demo(secret, account, issuer, at):
    """The demo's state: a fresh secret when none is given, its code, seconds left and QR code."""
    import segno

    totp = _totp()
    secret = secret or totp.new_demo_secret()
    uri = totp.provisioning_uri(secret, account, issuer=issuer)
    qr = segno.make(uri, error="m").svg_data_uri(scale=4, border=2)
    return json.dumps({
        "secret": secret,
        "uri": uri,
        "qr": qr,
        "code": totp.code(secret, at),
        "seconds_left": totp.seconds_left(at),
        "at": at,
    })
`;

let pyodide = null;
let api = null;

// Pyodide reports a wasm or stdlib download that failed on the console and then waits forever;
// these messages make the boot fail at once instead, so the page can show its fallback.
const FATAL = ["wasm instantiation failed", "installing the standard library"];

async function boot(runtime) {
  const failed = new Promise((_, reject) => {
    for (const level of ["warn", "error"]) {
      const original = console[level];
      console[level] = (...items) => {
        const text = items.map(String).join(" ");
        if (FATAL.some((fatal) => text.includes(fatal))) reject(new Error(text));
        original.apply(console, items);
      };
    }
  });
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  pyodide = await Promise.race([
    failed,
    loadPyodide({
      indexURL: runtime,
      lockFileURL: new URL("pyodide-lock.json", runtime).href,
      // Also where Pyodide would look for a package it does not know: never a CDN.
      packageBaseUrl: runtime,
      stdout: () => {},
      stderr: () => {},
    }),
  ]);
  await load(["pycheck"]);
  pyodide.runPython(PYTHON);
  const get = (name) => pyodide.globals.get(name);
  api = { check: get("_check"), suggest: get("_suggest"), code: get("_code"), verify: get("_verify"), demo: get("_demo") };
  return pyodide.version;
}

async function load(packages) {
  const errors = [];
  await pyodide.loadPackage(packages, {
    checkIntegrity: true,
    messageCallback: () => {},
    errorCallback: (message) => errors.push(message),
  });
  const missing = packages.filter((name) => !(name in pyodide.loadedPackages));
  if (missing.length) throw new Error(`could not load ${missing.join(", ")}: ${errors.join("; ")}`);
  return true;
}

const OPS = {
  boot: ([runtime]) => boot(runtime),
  load: ([packages]) => load(packages),
  // A JS null would arrive in Python as jsnull, not None: undefined arrives as None.
  check: ([password, confirm, lang]) => JSON.parse(api.check(String(password), confirm == null ? undefined : String(confirm), lang)),
  suggest: () => api.suggest(),
  totp: ([secret, at, digits, period, algorithm]) => api.code(secret, at, digits, period, algorithm),
  verify: ([code, secret, at]) => api.verify(code, secret, at),
  demo: async ([secret, account, issuer, at]) => {
    if (!("segno" in pyodide.loadedPackages)) await load(["segno"]);
    return JSON.parse(api.demo(secret ?? undefined, account, issuer, at));
  },
};

self.onmessage = async ({ data: { id, op, args } }) => {
  try {
    if (op !== "boot" && !api) throw new Error("not booted");
    const value = await OPS[op](args ?? []);
    self.postMessage({ id, ok: true, value });
  } catch (error) {
    // A failed check answers without Python's message, which could quote the password.
    const message = op === "check" || op === "verify" ? `${op} failed` : String(error?.message ?? error);
    self.postMessage({ id, ok: false, error: message.slice(0, 500) });
  }
};
