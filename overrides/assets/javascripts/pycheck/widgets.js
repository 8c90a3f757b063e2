// The widgets on the guide's pages: the password checker ("Bytt passord") and the TOTP demo.
//
// The markup comes from overrides/hooks/widgets.py. Python starts loading only when a widget is
// visible or focused. Every text is written with textContent; results of stale keystrokes are
// dropped. With Material's instant navigation the widgets are mounted again on every `document$`.
//
// Each widget mounts inside its own error boundary: it first finds every element it needs and only
// then wires anything, so a widget whose markup is broken shows the fallback (the rules stay on the
// page as text) and never stops the other widgets of the page.
import pycheck from "./api.js";

const mounted = new WeakSet();

/** A widget's markup lacks something it needs. */
class BrokenMarkup extends Error {}

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

function readTexts(root) {
  let parsed = null;
  try {
    parsed = JSON.parse(root.dataset.texts || "null");
  } catch {
    // not JSON: said just below
  }
  if (!parsed || typeof parsed !== "object") throw new BrokenMarkup("data-texts is not a JSON object");
  return parsed;
}

/** Finders for the parts of `root` that throw BrokenMarkup when a part is missing. */
function finders(root) {
  const find = (selector) => {
    const found = root.querySelector(selector);
    if (!found) throw new BrokenMarkup(`missing ${selector}`);
    return found;
  };
  return {
    role: (name) => find(`[data-role="${name}"]`),
    action: (name) => find(`[data-action="${name}"]`),
    input: (name) => find(`input[name="${name}"]`),
  };
}

/** What every widget needs first: its finders, its texts, and the status line and retry button that
 * followState drives. Throws BrokenMarkup when any of them is missing. */
function widgetParts(root) {
  const find = finders(root);
  const common = { texts: readTexts(root), status: find.role("status"), retry: find.action("retry") };
  return { ...find, common };
}

/** What a widget shows when its markup is broken: the fallback message, the rules as plain text. */
function showBroken(root) {
  root.dataset.state = "error";
  let message = "";
  try {
    message = readTexts(root).unavailable ?? "";
  } catch {
    // no usable texts: the static rules and the <noscript> note are all the page has
  }
  const status = root.querySelector('[data-role="status"]');
  if (status) status.textContent = message;
}

/** Follows the runtime's state on `root` (data-state, the status line and the retry button). */
function followState(root, { texts, status, retry }, onReady) {
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

/** Calls `listener` when this page comes back from the back/forward cache, while `root` is on it. */
function onRestoredFromCache(root, listener) {
  const handler = (event) => {
    if (!root.isConnected) window.removeEventListener("pageshow", handler);
    else if (event.persisted) listener();
  };
  window.addEventListener("pageshow", handler);
}

function mountPassword(root) {
  const { role, action, input, common } = widgetParts(root);
  const { texts } = common;
  const ui = {
    ...common,
    tools: role("tools"),
    buttons: role("buttons"),
    verdict: role("verdict"),
    length: role("length"),
    warningsBox: role("warnings-box"),
    warnings: role("warnings"),
    toggle: action("toggle"),
    suggest: action("suggest"),
    back: action("back"),
    save: action("save"),
  };
  const password = input("password");
  const confirm = input("confirm");
  const lang = root.dataset.lang;

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
      ui.warnings.replaceChildren(
        ...result.warning_messages.map(({ code, message }) => {
          const li = document.createElement("li");
          li.dataset.warning = code;
          li.textContent = message;
          return li;
        }),
      );
      ui.warningsBox.hidden = ui.warnings.children.length === 0;
    }
    // A failing length rule already says the counted length in its message.
    const lengthFailed = result.failed.includes("length");
    setText(ui.length, password.value === "" ? "" : [lengthFailed ? "" : result.length_message, result.length_note].filter(Boolean).join(" "));
    // Written only when it changes, so the live region announces a new verdict, not every keystroke.
    setText(ui.verdict, password.value === "" ? texts.verdict_empty : result.summary);
  }

  async function check() {
    if (pycheck.state !== "ready") {
      // After a worker died the runtime is idle again: this keystroke brings up a new one.
      if (pycheck.state === "idle") pycheck.ready().catch(() => {});
      return; // checked once ready (see followState)
    }
    // One check at a time: keystrokes meanwhile ask for one more check of the fields as they are then,
    // and the answer to an older state of the fields is never shown.
    if (inFlight) {
      queued = true;
      return;
    }
    inFlight = true;
    try {
      const result = await pycheck.checkPassword(password.value, confirm.value, lang);
      if (!queued) {
        show(result);
        root.dataset.busy = "false";
      }
    } catch {
      // A runtime failure is shown by followState, and a worker that died is replaced at once;
      // an input Python could not check is said here.
      if (pycheck.state === "idle") pycheck.ready().catch(() => {});
      else if (!queued && pycheck.state === "ready") {
        report = null;
        delete root.dataset.ok;
        root.dataset.failed = "";
        ui.verdict.textContent = texts.check_failed;
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

  // The button says what it will do next ("Vis passord" / "Skjul passord"), so it has no aria-pressed;
  // the polite status says what happened ("Passordet vises" / "Passordet er skjult").
  function reveal(shown) {
    password.type = confirm.type = shown ? "text" : "password";
    ui.toggle.textContent = shown ? texts.hide : texts.show;
  }

  // Everything is found: from here on the widget is wired.
  ui.tools.hidden = false;
  ui.buttons.hidden = false;
  const changed = () => {
    root.dataset.busy = "true";
    check();
  };
  password.addEventListener("input", changed);
  confirm.addEventListener("input", changed);
  ui.toggle.addEventListener("click", () => {
    const shown = password.type === "password";
    reveal(shown);
    ui.status.textContent = shown ? texts.password_shown : texts.password_hidden;
  });
  // A page restored from the back/forward cache must not show the password to the next person.
  onRestoredFromCache(root, () => reveal(false));
  ui.suggest.addEventListener("click", async () => {
    try {
      const suggestion = await pycheck.suggestPassword();
      password.value = confirm.value = suggestion;
      ui.status.textContent = texts.suggested;
      check();
    } catch {
      // followState shows the fallback
    }
  });
  ui.back.addEventListener("click", () => {
    password.value = confirm.value = "";
    ui.status.textContent = texts.cleared;
    check();
    password.focus();
  });
  ui.save.addEventListener("click", () => {
    // Nothing is saved or sent: the button only says whether the password meets the rules.
    ui.status.textContent = report && report.ok && password.value !== "" ? texts.save_ok : texts.save_failed;
  });

  followState(root, ui, check);
  loadWhenSeen(root);
}

function mountTotp(root) {
  const { role, action, input, common } = widgetParts(root);
  const { texts } = common;
  const ui = {
    ...common,
    live: role("live"),
    code: role("code"),
    seconds: role("seconds"),
    result: role("verify-result"),
    verify: action("verify"),
    newSecret: action("new-secret"),
  };
  const typedCode = input("code");
  // pycheck.totp's defaults, written on the root at build time.
  const settings = { digits: Number(root.dataset.digits), period: Number(root.dataset.period) };
  if (!(settings.digits > 0 && settings.period > 0)) throw new BrokenMarkup("data-digits or data-period is missing");
  let secret = null;
  let shownStep = null;
  let timer = null;

  async function tick() {
    if (!root.isConnected) return clearInterval(timer);
    if (!secret || document.hidden) return;
    const now = Date.now() / 1000;
    const step = Math.floor(now / settings.period);
    ui.seconds.textContent = fill(texts["totp.seconds_left"], { seconds: settings.period - Math.floor(now % settings.period) });
    if (step === shownStep) return;
    shownStep = step;
    try {
      const at = Math.floor(now);
      const value = await pycheck.totp(secret, at);
      if (step === shownStep) {
        ui.code.textContent = value;
        root.dataset.at = String(at);
      }
    } catch {
      shownStep = null;
    }
  }

  async function newSecret() {
    try {
      const at = Math.floor(Date.now() / 1000);
      const demo = await pycheck.totpDemo(null, at);
      secret = demo.secret;
      ui.code.textContent = demo.code;
      root.dataset.at = String(at);
      shownStep = Math.floor(at / settings.period);
      ui.result.textContent = "";
      ui.live.hidden = false;
      tick();
      clearInterval(timer);
      timer = setInterval(tick, 1000);
    } catch {
      // followState shows the fallback
    }
  }

  async function verify() {
    const typed = typedCode.value.replace(/\s+/g, "");
    if (typed.length !== settings.digits || !/^[0-9]+$/.test(typed)) {
      ui.result.dataset.valid = "bad-input";
      ui.result.textContent = texts.totp_bad_input;
      return;
    }
    try {
      const valid = await pycheck.verifyTotp(typed, secret, Date.now() / 1000);
      ui.result.dataset.valid = String(valid);
      ui.result.textContent = valid ? `✓ ${texts.totp_valid}` : `✗ ${texts.totp_invalid}`;
    } catch {
      // followState shows the fallback
    }
  }

  // Everything is found: from here on the widget is wired.
  ui.verify.addEventListener("click", verify);
  typedCode.addEventListener("keydown", (event) => {
    if (event.key === "Enter") verify();
  });
  ui.newSecret.addEventListener("click", newSecret);
  followState(root, ui, () => {
    if (!secret) newSecret();
  });
  loadWhenSeen(root);
}

const MOUNT = { password: mountPassword, totp: mountTotp };

function mountAll() {
  for (const root of document.querySelectorAll("[data-pycheck]")) {
    if (mounted.has(root) || !Object.hasOwn(MOUNT, root.dataset.pycheck)) continue;
    mounted.add(root);
    try {
      MOUNT[root.dataset.pycheck](root);
    } catch (error) {
      // One broken widget never stops the others: it shows the fallback, the page goes on. Broken
      // markup is expected; anything else is a fault of this script, reported without stopping the loop.
      showBroken(root);
      if (!(error instanceof BrokenMarkup)) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  }
}

// Material's instant navigation swaps the page content and announces it on document$.
if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mountAll);
else mountAll();
