// Shared helpers for the end-to-end tests.
//
// - startServer(): serves the built site (dist/) with `python3 -m http.server` on 127.0.0.1
//   at the site root (trunk's index.html uses absolute paths), on a free port.
//   Set SITE_URL to test an already running server instead (e.g. scripts/serve.sh).
// - launchBrowser(): Debian's /usr/bin/chromium (or $CHROMIUM) through playwright-core, with
//   a fresh --user-data-dir and the flags that keep it off the (closed) network.
//   Never run `npx playwright install`: it downloads a browser, which fails here.
// - openPage(): a page that records console errors, page errors and failed requests.
// - screenshot(): writes tests/e2e/screenshots/<name>.png (gitignored). Look at them.
import assert from "node:assert/strict";
import { after, afterEach, before } from "node:test";
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, rm, stat } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, "../..");
export const SITE_DIR = path.resolve(process.env.SITE_DIR || path.join(REPO_ROOT, "dist"));
export const SCREENSHOT_DIR = path.resolve(process.env.SCREENSHOT_DIR || path.join(HERE, "screenshots"));
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/** Flags for Chromium as root on a machine without internet (see README). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, ms, isAlive) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    if (!isAlive()) throw new Error(`the server for ${url} exited early`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.message;
    }
    await sleep(100);
  }
  throw new Error(`no answer from ${url} within ${ms} ms (${last})`);
}

/**
 * Serves SITE_DIR at http://127.0.0.1:<free port>/. Returns { url, close }.
 * With SITE_URL set, returns that URL and starts nothing.
 */
export async function startServer({ siteDir = SITE_DIR } = {}) {
  if (process.env.SITE_URL) {
    const url = process.env.SITE_URL.replace(/\/?$/, "/");
    return { url, close: async () => {} };
  }
  try {
    await stat(path.join(siteDir, "index.html"));
  } catch {
    throw new Error(`${siteDir}/index.html is missing: build the site first (trunk build --release --skip-version-check)`);
  }
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const child = spawn(
      "python3",
      ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", siteDir],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (d) => { stderr = (stderr + d).slice(-4000); });
    let exited = false;
    child.on("exit", () => { exited = true; });
    const close = async () => {
      if (exited) return;
      child.kill("SIGTERM");
      for (let i = 0; i < 50 && !exited; i++) await sleep(20);
      if (!exited) child.kill("SIGKILL");
    };
    try {
      await waitForHttp(url, 10000, () => !exited);
      return { url, close };
    } catch (e) {
      await close();
      // another process may have taken the port in between: try a few times
      if (attempt >= 3) throw new Error(`${e.message}\n${stderr}`);
    }
  }
}

/**
 * Launches headless Chromium with a fresh profile. Returns a playwright BrowserContext
 * (use context.newPage()); close() also removes the profile.
 */
export async function launchBrowser({ viewport = { width: 1280, height: 800 } } = {}) {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), "ecs-playground-e2e-profile-"));
  let context;
  try {
    // playwright passes --user-data-dir itself for a persistent context
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
      timeout: 30000,
    });
  } catch (e) {
    await rm(userDataDir, { recursive: true, force: true });
    throw new Error(`could not start ${CHROMIUM} (apt-get install chromium; scripts/setup.sh does): ${e.message}`);
  }
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A new page that records what went wrong: `problems.consoleErrors`, `problems.pageErrors`
 * (uncaught exceptions), `problems.failedRequests` (network failures and HTTP >= 400).
 * `problems.all()` lists them all, one string each.
 */
export async function openPage(context) {
  const page = await context.newPage();
  const problems = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    all() {
      return [
        ...this.consoleErrors.map((m) => `console.error: ${m}`),
        ...this.pageErrors.map((m) => `page error: ${m}`),
        ...this.failedRequests.map((m) => `request: ${m}`),
      ];
    },
  };
  page.on("console", (msg) => {
    if (msg.type() === "error") {
      const loc = msg.location();
      problems.consoleErrors.push(`${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ""}`);
    }
  });
  page.on("pageerror", (err) => problems.pageErrors.push(String(err?.stack || err)));
  page.on("requestfailed", (req) => problems.failedRequests.push(`${req.url()} ${req.failure()?.errorText ?? "failed"}`));
  page.on("response", (res) => {
    if (res.status() >= 400) problems.failedRequests.push(`${res.url()} HTTP ${res.status()}`);
  });
  return { page, problems };
}

/** Saves a PNG of the page as screenshots/<name>.png and returns its path. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Waits until the app has started (trunk's TrunkApplicationStarted) and rendered its heading. */
export async function waitForApp(page, { timeout = 30000 } = {}) {
  await page.waitForSelector("h1:has-text('ECS Playground')", { timeout });
  await page.waitForSelector("#status", { timeout });
}

// ----------------------------------------------------------------------------------------
// Acting like a person on the playground, and reading what the page shows.

/** Retries `check` (an async function that throws, e.g. with assert) until it passes or
 * `timeout` ms have gone by; then throws its last error. For waiting on DOM state. */
export async function eventually(check, { timeout = 5000, interval = 40 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
    }
    await sleep(interval);
  }
}

/**
 * A page on `url` (plus `query`, e.g. "?scenario=port-conflict") as a first-time visitor
 * sees it: localStorage is cleared first, so saved work from an earlier test is gone.
 * Returns { page, problems } like openPage, once the app has rendered.
 */
export async function freshPage(context, url, query = "") {
  const { page, problems } = await openPage(context);
  await page.goto(url, { waitUntil: "load" });
  await waitForApp(page);
  await page.evaluate(() => localStorage.clear());
  await page.goto(url + query, { waitUntil: "load" });
  await waitForApp(page);
  return { page, problems };
}

/** An Availability Zone column, by its heading (a region named after the zone). */
export function zoneColumn(page, zone) {
  return page.getByRole("region", { name: zone, exact: true });
}

/** { "i-1": 2, ... }: the task chips on each instance card, in page order. */
export function chipsPerInstance(page) {
  return page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll("article[data-instance-id]")]
      .map((card) => [card.dataset.instanceId, card.querySelectorAll("ul.chips > li").length]),
  ));
}

/** { "us-east-1a": 2, ... }: the task chips in each zone column. */
export function chipsPerZone(page) {
  return page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll("section.zone[data-zone]")]
      .map((z) => [z.dataset.zone, z.querySelectorAll("ul.chips > li").length]),
  ));
}

/** { "i-1": "us-east-1a", ... }: each instance card and the column it is in. */
export function instanceZones(page) {
  return page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll("section.zone[data-zone]")].flatMap((z) =>
      [...z.querySelectorAll("article[data-instance-id]")].map((c) => [c.dataset.instanceId, z.dataset.zone])),
  ));
}

/** Removes every instance card with its Remove button, as a person would. */
export async function removeAllInstances(page) {
  for (;;) {
    const remove = page.getByRole("button", { name: /^Remove i-\d+$/ });
    const n = await remove.count();
    if (n === 0) return;
    await remove.first().click();
    await eventually(async () => {
      if ((await remove.count()) !== n - 1) throw new Error("the card is still there");
    });
  }
}

/** Adds an instance of the column's selected type with the keyboard: Tab-focus the
 * zone's "Add instance" button and press Enter. */
export async function addInstanceWithKeyboard(page, zone) {
  const button = zoneColumn(page, zone).getByRole("button", { name: "Add instance" });
  await button.focus();
  await page.keyboard.press("Enter");
}

/**
 * The hooks a test file needs: one server and one browser for its tests, and after each
 * test every page it opened closed and checked for console errors, page errors and failed
 * requests. `suite.open(query)` gives a first-time visitor's page ({ page, problems });
 * `suite.track(opened)` checks a page opened some other way. `suite.server` and
 * `suite.browser` are there once the file's tests run.
 */
export function playgroundSuite() {
  const opened = [];
  const suite = {
    server: undefined,
    browser: undefined,
    async open(query = "") {
      return suite.track(await freshPage(suite.browser.context, suite.server.url, query));
    },
    track(p) {
      opened.push(p);
      return p;
    },
  };
  before(async () => {
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  afterEach(async () => {
    const pages = opened.splice(0);
    for (const { page } of pages) await page.close().catch(() => {});
    for (const { problems } of pages) assertNoProblems(problems);
  });
  return suite;
}

/** Fails with the list of console errors, page errors and failed requests, if any. */
export function assertNoProblems(problems, what = "") {
  const all = problems.all();
  if (all.length) {
    throw new Error(`console errors, page errors or failed requests${what ? ` (${what})` : ""}:\n  ${all.join("\n  ")}`);
  }
}

/** Holds the decision at task 2's strategy phase (the binpack scores on every card). */
export async function holdMidAnimation(page) {
  const decision = page.getByRole("region", { name: "Decision" });
  const pause = decision.getByRole("button", { name: "Pause", exact: true });
  const play = decision.getByRole("button", { name: "Play", exact: true });
  await eventually(async () => {
    if (await pause.count()) await pause.click();
    assert.equal(await play.count(), 1);
  });
  await decision.getByRole("button", { name: /^Task 2 / }).click();
  const phase = decision.getByRole("list", { name: "Phases of task 2" });
  await phase.getByRole("button", { name: "binpack" }).click();
  await eventually(async () => assert.equal(
    await decision.locator("h3.decision-title").innerText(),
    "Task 2 of 3 — step 4 of 5: binpack on memory",
  ));
}
