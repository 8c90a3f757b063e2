// The widgets on the guide's pages: the password checker ("Bytt passord") and the TOTP demo.
//
// The markup comes from overrides/hooks/widgets.py. Python starts loading only when a widget is
// visible or focused. Every text is written with textContent; results of stale keystrokes are
// dropped. With Material's instant navigation the widgets are mounted again on every `document$`.
import pycheck from "./api.js";

const mounted = new WeakSet();

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// Writes only what changed: each DOM write invalidates style, layout and paint, and most keystrokes
// change one or two rules at most, so the frame after a verdict stays small.
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function setData(node, name, value) {
  if (node.dataset[name] !== value) node.dataset[name] = value;
}

function parts(root) {
  const texts = JSON.parse(root.dataset.texts || "{}");
  const role = (name) => root.querySelector(`[data-role="${name}"]`);
  const action = (name) => root.querySelector(`[data-action="${name}"]`);
  return { texts, role, action };
}

/** Follows the runtime's state on `root` (data-state, the status line and the retry button). */
function followState(root, { texts, role, action }, onReady) {
  const status = role("status");
  const retry = action("retry");
  const show = (state) => {
    if (!root.isConnected) return stop();
    root.dataset.state = state;
    status.textContent = state === "loading" ? texts.loading : state === "error" ? texts.unavailable : "";
    retry.hidden = state !== "error";
    if (state === "ready") onReady();
  };
  const stop = pycheck.onState(show);
  retry.addEventListener("click", () => {
    pycheck.retry().catch(() => {});
  });
  if (pycheck.state !== "idle") show(pycheck.state);
}

/** Starts loading Python when `root` becomes visible or anything in it gets focus. */
function loadWhenSeen(root) {
  const start = () => {
    observer.disconnect();
    root.removeEventListener("focusin", start);
    pycheck.ready().catch(() => {});
  };
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) start();
  });
  observer.observe(root);
  root.addEventListener("focusin", start);
}

function mountPassword(root) {
  const p = parts(root);
  const { texts, role, action } = p;
  const lang = root.dataset.lang;
  const password = root.querySelector('input[name="password"]');
  const confirm = root.querySelector('input[name="confirm"]');
  const verdict = role("verdict");
  const length = role("length");
  const warningsBox = role("warnings-box");
  const warnings = role("warnings");
  const toggle = action("toggle");
  role("tools").hidden = false;
  role("buttons").hidden = false;

  let latest = 0; // number of the newest request; older answers are dropped
  let inFlight = false;
  let queued = false;
  let report = null;

  let shownWarnings = "";

  function show(result) {
    report = result;
    setData(root, "ok", String(result.ok));
    setData(root, "failed", result.failed.join(" "));
    setData(root, "warnings", result.warnings.join(" "));
    for (const rule of result.rules || []) {
      const item = root.querySelector(`li[data-rule="${rule.code}"]`);
      if (!item) continue;
      setData(item, "result", rule.passed ? "passed" : "failed");
      setText(item.querySelector(".pycheck__mark"), rule.passed ? "✓" : "✗");
      setText(item.querySelector('[data-role="result"]'), ` (${rule.passed ? texts["report.passed"] : texts["report.failed"]})`);
      setText(item.querySelector('[data-role="reason"]'), rule.passed ? "" : ` ${rule.message}`);
    }
    const warningsNow = JSON.stringify(result.warning_messages);
    if (warningsNow !== shownWarnings) {
      shownWarnings = warningsNow;
      warnings.replaceChildren(
        ...result.warning_messages.map(({ code, message }) => {
          const li = document.createElement("li");
          li.dataset.warning = code;
          li.textContent = message;
          return li;
        }),
      );
      warningsBox.hidden = warnings.children.length === 0;
    }
    // A failing length rule already says the counted length in its message.
    const lengthFailed = result.failed.includes("length");
    setText(length, password.value === "" ? "" : [lengthFailed ? "" : result.length_message, result.length_note].filter(Boolean).join(" "));
    // Written only when it changes, so the live region announces a new verdict, not every keystroke.
    setText(verdict, password.value === "" ? texts.verdict_empty : result.summary);
  }

  async function check() {
    if (pycheck.state !== "ready") {
      // After a worker died the runtime is idle again: this keystroke brings up a new one.
      if (pycheck.state === "idle") pycheck.ready().catch(() => {});
      return; // checked once ready (see followState)
    }
    if (inFlight) {
      queued = true;
      return;
    }
    inFlight = true;
    const number = ++latest;
    try {
      const result = await pycheck.checkPassword(password.value, confirm.value, lang);
      // Drop the answer if the fields changed meanwhile: a newer check is queued.
      if (number === latest && !queued) {
        show(result);
        root.dataset.busy = "false";
      }
    } catch {
      // A runtime failure is shown by followState, and a worker that died is replaced at once;
      // an input Python could not check is said here.
      if (pycheck.state === "idle") pycheck.ready().catch(() => {});
      else if (number === latest && !queued && pycheck.state === "ready") {
        report = null;
        delete root.dataset.ok;
        root.dataset.failed = "";
        verdict.textContent = texts.check_failed;
        root.dataset.busy = "false";
      }
    } finally {
      inFlight = false;
      if (queued) {
        queued = false;
        check();
      }
    }
  }

  const changed = () => {
    root.dataset.busy = "true";
    check();
  };
  password.addEventListener("input", changed);
  confirm.addEventListener("input", changed);

  // The button says what it will do next ("Vis passord" / "Skjul passord"), so it has no aria-pressed.
  toggle.addEventListener("click", () => {
    const reveal = password.type === "password";
    password.type = confirm.type = reveal ? "text" : "password";
    toggle.textContent = reveal ? texts.hide : texts.show;
  });
  action("suggest").addEventListener("click", async () => {
    try {
      const suggestion = await pycheck.suggestPassword();
      password.value = confirm.value = suggestion;
      role("status").textContent = texts.suggested;
      check();
    } catch {
      // followState shows the fallback
    }
  });
  action("back").addEventListener("click", () => {
    password.value = confirm.value = "";
    role("status").textContent = texts.cleared;
    check();
    password.focus();
  });
  action("save").addEventListener("click", () => {
    // Nothing is saved or sent: the button only says whether the real form would accept it.
    role("status").textContent = report && report.ok && password.value !== "" ? texts.save_ok : texts.save_failed;
  });

  followState(root, p, check);
  loadWhenSeen(root);
}

const PERIOD = 30;

function mountTotp(root) {
  const p = parts(root);
  const { texts, role, action } = p;
  const code = role("code");
  const seconds = role("seconds");
  const input = root.querySelector('input[name="code"]');
  const result = role("verify-result");
  const link = role("uri");
  const qr = role("qr");
  const account = root.dataset.account || "demo@imdinett.example";
  const issuer = root.dataset.issuer || "IMDinett demo";
  let secret = null;
  let shownStep = null;
  let timer = null;

  async function tick() {
    if (!root.isConnected) return clearInterval(timer);
    if (!secret || document.hidden) return;
    const now = Date.now() / 1000;
    const step = Math.floor(now / PERIOD);
    seconds.textContent = fill(texts["totp.seconds_left"], { seconds: PERIOD - Math.floor(now % PERIOD) });
    if (step === shownStep) return;
    shownStep = step;
    try {
      const at = Math.floor(now);
      const value = await pycheck.totp(secret, at);
      if (step === shownStep) {
        code.textContent = value;
        root.dataset.at = String(at);
      }
    } catch {
      shownStep = null;
    }
  }

  async function newSecret() {
    try {
      const at = Math.floor(Date.now() / 1000);
      const demo = await pycheck.totpDemo(null, account, issuer, at);
      secret = demo.secret;
      role("secret").textContent = demo.secret;
      link.href = demo.uri;
      if (demo.qr.startsWith("data:image/svg+xml")) {
        qr.src = demo.qr;
        qr.hidden = false;
      }
      code.textContent = demo.code;
      root.dataset.at = String(at);
      shownStep = Math.floor(at / PERIOD);
      result.textContent = "";
      role("live").hidden = false;
      tick();
      clearInterval(timer);
      timer = setInterval(tick, 1000);
    } catch {
      // followState shows the fallback
    }
  }

  async function verify() {
    const typed = input.value.replace(/\s+/g, "");
    if (!/^[0-9]{6}$/.test(typed)) {
      result.dataset.valid = "bad-input";
      result.textContent = texts.totp_bad_input;
      return;
    }
    try {
      const valid = await pycheck.verifyTotp(typed, secret, Date.now() / 1000);
      result.dataset.valid = String(valid);
      result.textContent = valid ? `✓ ${texts.totp_valid}` : `✗ ${texts.totp_invalid}`;
    } catch {
      // followState shows the fallback
    }
  }

  action("verify").addEventListener("click", verify);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") verify();
  });
  action("new-secret").addEventListener("click", newSecret);
  followState(root, p, () => {
    if (!secret) newSecret();
  });
  loadWhenSeen(root);
}

const MOUNT = { password: mountPassword, totp: mountTotp };

function mountAll() {
  for (const root of document.querySelectorAll("[data-pycheck]")) {
    if (mounted.has(root) || !(root.dataset.pycheck in MOUNT)) continue;
    mounted.add(root);
    MOUNT[root.dataset.pycheck](root);
  }
}

// Material's instant navigation swaps the page content and announces it on document$.
if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mountAll);
else mountAll();
