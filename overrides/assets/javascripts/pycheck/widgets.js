// The widgets on the guide's pages: the password checker ("Bytt passord"), the TOTP demo, and the
// practice phone and practice login, which share one practice run by pycheck.practice.
//
// The markup comes from overrides/hooks/widgets.py. Python starts loading only when a widget is
// visible or focused. Every text is written with textContent; results of stale keystrokes are
// dropped. With Material's instant navigation the widgets are mounted again on every `document$`.
//
// Each widget mounts inside its own error boundary: it first finds every element it needs and only
// then wires anything, so a widget whose markup is broken shows the fallback (the rules stay on the
// page as text) and never stops the other widgets of the page.
//
// Nothing typed outlives its page: on `pagehide` every widget empties its fields, and a widget whose
// page instant navigation swapped out is released on the next `document$` (its listeners, timers and
// runtime subscription end, its fields are emptied), so no closure keeps the password in memory.
import pycheck from "./api.js";

const mounted = new WeakSet();
// The mounted widgets' lives (see newLife), until their page is swapped out.
const lives = new Set();

/** What one mounted widget holds: its listeners end with `signal`, and `onRelease(fn)` adds what else
 * must end or be emptied when the widget is released. */
function newLife(root) {
  const controller = new AbortController();
  const releases = [];
  return {
    root,
    signal: controller.signal,
    onRelease: (fn) => releases.push(fn),
    release() {
      controller.abort();
      for (const fn of releases.splice(0)) fn();
    },
  };
}

/** Releases every widget whose root is no longer in the document (instant navigation swapped it out). */
function releaseDetached() {
  for (const life of lives) {
    if (life.root.isConnected) continue;
    lives.delete(life);
    life.release();
  }
}

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
function followState(root, { texts, status, retry }, onReady, life) {
  const show = (state) => {
    if (!root.isConnected) return stop();
    root.dataset.state = state;
    status.textContent = state === "loading" ? texts.loading : state === "error" ? texts.unavailable : "";
    retry.hidden = state !== "error";
    if (state === "ready") onReady();
  };
  const stop = pycheck.onState(show);
  life.onRelease(stop);
  retry.addEventListener("click", () => {
    pycheck.retry().catch(() => {});
  }, { signal: life.signal });
  if (pycheck.state !== "idle") show(pycheck.state);
}

/** Starts loading Python when `root` becomes visible or anything in it gets focus. */
function loadWhenSeen(root, life) {
  if (inView(root)) {
    // Seen already: start now rather than after the observer's first report (a frame or more later).
    pycheck.ready().catch(() => {});
    return;
  }
  const start = () => {
    observer.disconnect();
    root.removeEventListener("focusin", start);
    pycheck.ready().catch(() => {});
  };
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) start();
  });
  observer.observe(root);
  life.onRelease(() => observer.disconnect());
  root.addEventListener("focusin", start, { signal: life.signal });
}

/** Whether some of `root` is in the viewport of a page the reader is looking at. */
function inView(root) {
  if (document.visibilityState !== "visible") return false;
  const box = root.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 &&
    box.top < window.innerHeight && box.left < window.innerWidth;
}

/** Calls `listener` when this page comes back from the back/forward cache, while the widget lives. */
function onRestoredFromCache(life, listener) {
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) listener();
  }, { signal: life.signal });
}

/** Calls `listener` when the reader leaves the page (it may come back from the back/forward cache). */
function onLeavingPage(life, listener) {
  window.addEventListener("pagehide", listener, { signal: life.signal });
}

function mountPassword(root, life) {
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
  // The fields Python did not answer in time (the worker was replaced): never sent again, since the
  // same input would stop the new worker too. Dropped as soon as the fields change.
  let unanswered = null;

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

  /** Says that this input cannot be checked here (the rules stay on the page as text). */
  function showCheckFailed() {
    report = null;
    delete root.dataset.ok;
    root.dataset.failed = "";
    ui.verdict.textContent = texts.check_failed;
    root.dataset.busy = "false";
  }

  async function check() {
    const fields = [password.value, confirm.value];
    if (unanswered && unanswered[0] === fields[0] && unanswered[1] === fields[1]) return showCheckFailed();
    unanswered = null;
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
      // While the field is masked, the warnings name kinds of characters, not the characters.
      const result = await pycheck.checkPassword(fields[0], fields[1], lang, password.type === "password");
      if (!queued) {
        show(result);
        root.dataset.busy = "false";
      }
    } catch (error) {
      // A runtime failure is shown by followState, and a worker that died is replaced at once;
      // an input Python could not check (or not in time) is said here.
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      if (timedOut) unanswered = fields;
      if (pycheck.state === "idle") pycheck.ready().catch(() => {});
      if (!queued && (timedOut || pycheck.state === "ready")) showCheckFailed();
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

  /** Empties the fields and forgets everything about what was typed. */
  function forget() {
    password.value = confirm.value = "";
    unanswered = null;
    report = null;
  }

  // Everything is found: from here on the widget is wired.
  const { signal } = life;
  ui.tools.hidden = false;
  ui.buttons.hidden = false;
  const changed = () => {
    root.dataset.busy = "true";
    check();
  };
  password.addEventListener("input", changed, { signal });
  confirm.addEventListener("input", changed, { signal });
  ui.toggle.addEventListener("click", () => {
    const shown = password.type === "password";
    reveal(shown);
    ui.status.textContent = shown ? texts.password_shown : texts.password_hidden;
    check(); // the warnings quote the characters only while the password is shown
  }, { signal });
  // Nothing typed stays behind when the reader leaves the page; a page restored from the back/forward
  // cache must not show the password to the next person either.
  onLeavingPage(life, () => {
    forget();
    if (pycheck.state === "ready") check(); // the verdict of the empty field, for a return from the cache
  });
  onRestoredFromCache(life, () => {
    reveal(false);
    if (pycheck.state === "ready") check();
  });
  life.onRelease(forget);
  ui.suggest.addEventListener("click", async () => {
    try {
      const suggestion = await pycheck.suggestPassword();
      password.value = confirm.value = suggestion;
      ui.status.textContent = texts.suggested;
      check();
    } catch {
      // followState shows the fallback
    }
  }, { signal });
  ui.back.addEventListener("click", () => {
    password.value = confirm.value = "";
    ui.status.textContent = texts.cleared;
    check();
    password.focus();
  }, { signal });
  ui.save.addEventListener("click", () => {
    // Nothing is saved or sent: the button only says whether the password meets the rules.
    ui.status.textContent = report && report.ok && password.value !== "" ? texts.save_ok : texts.save_failed;
  }, { signal });

  followState(root, ui, check, life);
  loadWhenSeen(root, life);
}

function mountTotp(root, life) {
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
  // Which secret is shown: every new one counts up, so a code asked for with an older secret (a tick in
  // flight when «Ny hemmelighet» answered) is never shown over the new secret's code.
  let generation = 0;
  // The latest «Ny hemmelighet» asked for: an earlier one that answers later is dropped.
  let asked = 0;

  /** After a failed call: a worker that died is replaced at once (then onReady carries on). */
  function afterFailure() {
    if (pycheck.state === "idle") pycheck.ready().catch(() => {});
  }

  async function tick() {
    if (!root.isConnected) return clearInterval(timer);
    if (!secret || document.hidden) return;
    const now = Date.now() / 1000;
    const step = Math.floor(now / settings.period);
    ui.seconds.textContent = fill(texts["totp.seconds_left"], { seconds: settings.period - Math.floor(now % settings.period) });
    if (step === shownStep) return;
    shownStep = step;
    const shown = generation;
    try {
      const at = Math.floor(now);
      const value = await pycheck.totp(secret, at);
      if (shown === generation && step === shownStep) {
        ui.code.textContent = value;
        root.dataset.at = String(at);
      }
    } catch {
      if (shown === generation && step === shownStep) shownStep = null;
      afterFailure();
    }
  }

  async function newSecret() {
    const ask = ++asked;
    try {
      const at = Math.floor(Date.now() / 1000);
      const demo = await pycheck.totpDemo(null, at);
      if (ask !== asked) return;
      generation += 1;
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
      // followState shows a runtime failure; after a lost worker, the new one's onReady asks again
      afterFailure();
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
  const { signal } = life;
  ui.verify.addEventListener("click", verify, { signal });
  typedCode.addEventListener("keydown", (event) => {
    if (event.key === "Enter") verify();
  }, { signal });
  ui.newSecret.addEventListener("click", newSecret, { signal });
  onLeavingPage(life, () => {
    typedCode.value = "";
  });
  life.onRelease(() => {
    clearInterval(timer);
    typedCode.value = "";
    secret = null;
  });
  followState(root, ui, () => {
    if (!secret) newSecret();
  }, life);
  loadWhenSeen(root, life);
}

// --- the practice: a phone and a login drawing one practice of pycheck.practice ---------------------
// Python holds every rule: the page keeps its opaque state, sends it back with each event and the
// current time (Date.now(), so tests can move the clock), and draws the view it gets. Nothing is
// stored or sent anywhere: the state lives in this page's memory only.

// The countdown is announced when it passes these seconds, and when the code has expired.
const ANNOUNCE_AT = [60, 30, 10];

let practice = null;

/** The practice of this page, shared by its phone and its login (a new one after a navigation). */
function currentPractice() {
  if (!practice || !practice.widgets.some((widget) => widget.root.isConnected)) practice = newPractice();
  return practice;
}

function newPractice() {
  const shared = { widgets: [], state: null, view: null, started: false, queue: Promise.resolve() };

  function busy(value) {
    for (const widget of shared.widgets) setData(widget.root, "busy", String(value));
  }

  // One event at a time, in order; each reads the fields as they are when its turn comes.
  function enqueue(ask, how) {
    shared.queue = shared.queue.then(async () => {
      busy(true);
      try {
        const result = await ask();
        if (!result) return;
        shared.state = result.state;
        shared.view = result.view;
        for (const widget of shared.widgets) widget.draw(result.view, how);
      } catch {
        // followState shows a runtime failure; the practice goes on from its last state
        if (!shared.state) shared.started = false;
      } finally {
        busy(false);
      }
    });
    return shared.queue;
  }

  shared.start = () => {
    if (shared.started) return;
    shared.started = true;
    const scenario = new URLSearchParams(window.location.search).get("practice") || "start";
    enqueue(() => pycheck.practiceStart(scenario, Date.now() / 1000), {});
  };
  /** Sends `event`; `from` (the widget used) moves focus to what changed, `fields()` gives its values. */
  shared.send = (event, fields = () => ({}), from = null) =>
    enqueue(() => shared.state && pycheck.practiceEvent(shared.state, event, fields(), Date.now() / 1000), { from, event });
  return shared;
}

/** The parts both practice widgets have: screens, inputs, the error line, and how to draw them. */
function practiceParts(root, life) {
  const { role, action, common } = widgetParts(root);
  const parts = { ...common, role, action, live: role("live"), error: role("error"), heading: null };
  parts.inputs = [...root.querySelectorAll("input[name]")];
  const described = new Map(parts.inputs.map((input) => [input, input.getAttribute("aria-describedby") || ""]));
  let shownScreen = null;

  /** Shows the elements of `screen` whose `data-when` field of `values` is set; says `error` at its field. */
  parts.drawScreen = (screen, values, error, { from, event } = {}) => {
    const changed = shownScreen !== null && shownScreen !== screen;
    if (changed || event === "reset") for (const input of parts.inputs) input.value = "";
    shownScreen = screen;
    setData(root, "screen", screen);
    for (const element of root.querySelectorAll("[data-screens], [data-when]")) {
      const onScreen = !element.dataset.screens || element.dataset.screens.split(" ").includes(screen);
      const when = element.dataset.when;
      const hidden = !(onScreen && (!when || (values[when] !== null && values[when] !== undefined && values[when] !== false)));
      if (element.hidden !== hidden) element.hidden = hidden;
    }
    parts.live.hidden = false;
    parts.error.hidden = !error;
    setText(parts.error, error ? error.message : "");
    let invalid = null;
    for (const input of parts.inputs) {
      const wrong = Boolean(error && error.field === input.name);
      if (wrong) invalid = input;
      if (wrong) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      const ids = [described.get(input), wrong ? parts.error.id : ""].filter(Boolean).join(" ");
      if (ids) input.setAttribute("aria-describedby", ids);
      else input.removeAttribute("aria-describedby");
    }
    // An error of the whole screen (the app blocked, say) is read with the screen's heading.
    const heading = [...root.querySelectorAll(".pycheck__screen-title")].find((element) => !element.hidden);
    for (const title of root.querySelectorAll(".pycheck__screen-title")) {
      if (title === heading && error && !invalid) title.setAttribute("aria-describedby", parts.error.id);
      else title.removeAttribute("aria-describedby");
    }
    if (from !== root) return;
    // Focus goes where the reader must look: the field to correct, the new screen's heading, or the error.
    if (invalid) invalid.focus();
    else if ((changed || event === "reset") && heading) heading.focus();
    else if (error) parts.error.focus();
  };

  /** {name: value} of every field of this widget. */
  parts.values = () => Object.fromEntries(parts.inputs.map((input) => [input.name, input.value]));
  parts.next = action("next");
  /** Wires what both widgets share; called once every element is found. */
  parts.wire = () => {
    // Enter in a field does what the screen's main button does.
    root.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || !(event.target instanceof HTMLInputElement)) return;
      event.preventDefault();
      parts.next.click();
    }, { signal: life.signal });
    // Nothing typed stays behind when the reader leaves the page, or when the widget is released.
    const empty = () => {
      for (const input of parts.inputs) input.value = "";
    };
    onLeavingPage(life, empty);
    life.onRelease(empty);
  };
  return parts;
}

function mountApp(root, life) {
  const ui = practiceParts(root, life);
  const { role, action, texts } = ui;
  const code = role("code");
  const secondsLeft = role("seconds-left");
  const announcer = role("announce");
  const texted = { sms: role("sms"), practice_pin: role("practice-pin"), unblock_code: role("unblock-code"), note: role("note") };
  const offline = action("offline");
  const shared = currentPractice();
  let app = null;
  let ticking = false;
  let lastLeft = null;
  let timer = null;
  let announcing = null;

  function announce(text) {
    clearTimeout(announcing);
    announcer.textContent = "";
    // A fresh text each time, so a screen reader says it again; only the latest is said.
    announcing = setTimeout(() => {
      announcer.textContent = text;
    }, 50);
  }

  function left() {
    return Math.max(0, Math.ceil(app.expires_at - Date.now() / 1000));
  }

  function countdown() {
    if (!root.isConnected) return clearInterval(timer);
    if (!app || app.expires_at === null || app.expires_at === undefined || !app.code) {
      setText(secondsLeft, "");
      lastLeft = null;
      return;
    }
    const now = left();
    setData(secondsLeft, "seconds", String(now));
    setText(secondsLeft, app.expired ? "" : fill(texts["totp.seconds_left"], { seconds: now }));
    const passed = ANNOUNCE_AT.filter((mark) => lastLeft !== null && lastLeft > mark && now <= mark);
    if (passed.length && !app.expired && now > 0) announce(fill(texts["totp.seconds_left"], { seconds: Math.min(...passed) }));
    lastLeft = now;
    // The online code's time is up, or the offline code's 30 s step ended: Python says what follows.
    if (now <= 0 && !app.expired && !ticking) {
      ticking = true;
      shared.send("tick").finally(() => {
        ticking = false;
      });
    }
  }

  const widget = {
    root,
    draw(view, how) {
      const wasExpired = Boolean(app && app.expired);
      const oldCode = app ? app.code : null;
      app = view.app;
      for (const [name, element] of Object.entries(texted)) setText(element, app[name] ?? "");
      setText(code, app.code ?? "");
      offline.setAttribute("aria-pressed", String(Boolean(app.offline)));
      ui.drawScreen(app.screen, app, app.error, how);
      if (app.code !== oldCode) lastLeft = null;
      if (!app.code) {
        // The live region speaks of the code shown: without one it keeps no stale time.
        clearTimeout(announcing);
        announcer.textContent = "";
      }
      if (app.expired && !wasExpired) announce(texts.practice_expired);
      countdown();
    },
  };
  shared.widgets.push(widget);

  // Everything is found: from here on the widget is wired.
  ui.wire();
  const { signal } = life;
  for (const name of ["next", "skip", "make-code", "offline", "call-support", "reset"]) {
    action(name).addEventListener("click", () => shared.send(name, name === "next" ? ui.values : undefined, root), { signal });
  }
  action("time-left").addEventListener("click", () => {
    if (app && app.code) announce(app.expired ? texts.practice_expired : fill(texts["totp.seconds_left"], { seconds: left() }));
  }, { signal });
  timer = setInterval(countdown, 1000);
  life.onRelease(() => {
    clearInterval(timer);
    clearTimeout(announcing);
  });
  followState(root, ui, shared.start, life);
  loadWhenSeen(root, life);
  if (new URLSearchParams(window.location.search).has("practice")) pycheck.ready().catch(() => {});
}

function mountLogin(root, life) {
  const ui = practiceParts(root, life);
  const { role, action } = ui;
  const username = role("username");
  const email = role("email");
  const note = role("note");
  const shared = currentPractice();

  /** The fields, and the password made in the practice «Bytt passord» form of this page, if any. */
  function fields() {
    const values = ui.values();
    const made = document.querySelector('[data-pycheck="password"] input[name="password"]');
    if (made && made.value !== "") values.expected_password = made.value;
    return values;
  }

  shared.widgets.push({
    root,
    draw(view, how) {
      const { login } = view;
      setText(username, login.username ?? "");
      setText(email, login.email ?? "");
      setText(note, login.note ?? "");
      ui.drawScreen(login.screen, login, login.error, how);
    },
  });

  // Everything is found: from here on the widget is wired.
  ui.wire();
  ui.next.addEventListener("click", () => shared.send("login-next", fields, root), { signal: life.signal });
  followState(root, ui, shared.start, life);
  loadWhenSeen(root, life);
}

const MOUNT = { password: mountPassword, totp: mountTotp, app: mountApp, login: mountLogin };

function mountAll() {
  releaseDetached();
  for (const root of document.querySelectorAll("[data-pycheck]")) {
    if (mounted.has(root) || !Object.hasOwn(MOUNT, root.dataset.pycheck)) continue;
    mounted.add(root);
    const life = newLife(root);
    lives.add(life);
    try {
      MOUNT[root.dataset.pycheck](root, life);
    } catch (error) {
      // One broken widget never stops the others: it shows the fallback, the page goes on. Broken
      // markup is expected; anything else is a fault of this script, reported without stopping the loop.
      lives.delete(life);
      life.release();
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
