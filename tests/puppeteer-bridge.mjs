// Debian's Firefox ESR driven over WebDriver BiDi by puppeteer-core (never a browser download), for
// tests/enginekit.py. One JSON request a line on stdin, one JSON answer a line on stdout:
//   {"id": 1, "op": "newPage"}                          -> {"id": 1, "value": <page number>}
//   {"id": 2, "op": "goto", "page": 1, "url": "..."}   -> {"id": 2, "value": null}
//   {"id": 3, "op": "evaluate", "page": 1, "source": "async (arg) => ...", "arg": ...}
//   {"id": 4, "op": "type", "page": 1, "selector": "...", "text": "..."}
//   {"id": 5, "op": "click", "page": 1, "selector": "..."}     (and "pressEnter", the same way)
//   {"id": 6, "op": "closePage", "page": 1}
// A failure answers {"id", "error"}. Each page gets a browser context of its own (its own HTTP cache).
// The first line written is {"ready": true, "version": "<browser version>"}; stdin closed ends it.
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const executablePath = process.env.PYCHECK_FIREFOX || "/usr/bin/firefox-esr";
const browser = await puppeteer.launch({
  browser: "firefox",
  protocol: "webDriverBiDi",
  executablePath,
  headless: true,
  // Keep the browser from calling out: this machine has no network, and the tests count requests.
  extraPrefsFirefox: {
    "app.update.enabled": false,
    "browser.safebrowsing.malware.enabled": false,
    "browser.safebrowsing.phishing.enabled": false,
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
    "datareporting.healthreport.uploadEnabled": false,
    "toolkit.telemetry.enabled": false,
  },
});

const pages = new Map();
let next = 1;

const ops = {
  async newPage() {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    page.setDefaultNavigationTimeout(120_000);
    pages.set(next, { context, page });
    return next++;
  },
  async goto({ page, url }) {
    await pages.get(page).page.goto(url, { waitUntil: "load" });
    return null;
  },
  async evaluate({ page, source, arg }) {
    // A string is evaluated by the browser's automation, not by the page's eval (which its CSP forbids).
    return await pages.get(page).page.evaluate(`(${source})(${JSON.stringify(arg ?? null)})`);
  },
  async type({ page, selector, text }) {
    await pages.get(page).page.type(selector, text);
    return null;
  },
  async pressEnter({ page, selector }) {
    await pages.get(page).page.focus(selector);
    await pages.get(page).page.keyboard.press("Enter");
    return null;
  },
  async click({ page, selector }) {
    await pages.get(page).page.click(selector);
    return null;
  },
  async closePage({ page }) {
    const opened = pages.get(page);
    pages.delete(page);
    if (opened) await opened.context.close();
    return null;
  },
};

const write = (message) => process.stdout.write(JSON.stringify(message) + "\n");
write({ ready: true, version: await browser.version() });

// Requests are answered in order, one at a time, as the Python side sends them.
let queue = Promise.resolve();
const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  queue = queue.then(async () => {
    const request = JSON.parse(line);
    try {
      write({ id: request.id, value: (await ops[request.op](request)) ?? null });
    } catch (error) {
      write({ id: request.id, error: String(error && error.stack || error) });
    }
  });
});
lines.on("close", () => queue.then(() => browser.close()).finally(() => process.exit(0)));
