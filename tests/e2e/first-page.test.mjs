// The first page: the app loads from dist/, renders its heading and status line without
// a single console error, and looks right on a desktop and a phone screen.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openPage, screenshot, startServer, waitForApp } from "./helpers.mjs";

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the page loads, shows the heading and status, and logs no errors", async () => {
  const { page, problems } = await openPage(browser.context);
  await page.goto(server.url, { waitUntil: "load" });
  await waitForApp(page);

  assert.equal(await page.title(), "ECS Playground");
  assert.match(await page.textContent("h1"), /ECS Playground/);
  const status = (await page.textContent("#status"))?.trim();
  assert.ok(status, "#status is empty");
  // the boot fallback is gone once the app has started, and no error box is shown
  await page.waitForSelector("#boot-loading", { state: "detached", timeout: 10000 });
  assert.equal(await page.$("#boot-error"), null, "the boot error box is shown");

  for (const [name, viewport] of [
    ["first-page-1280x800", { width: 1280, height: 800 }],
    ["first-page-390x844", { width: 390, height: 844 }],
  ]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100); // let layout settle
    await screenshot(page, name);
  }

  assert.deepEqual(problems.all(), [], "console errors, page errors or failed requests");
  await page.close();
});

test("a wasm that fails to load shows a readable error instead of a blank page", async () => {
  const { page } = await openPage(browser.context);
  await page.route("**/*.wasm", (route) => route.fulfill({ status: 404, body: "not found" }));
  await page.goto(server.url, { waitUntil: "load" });
  const box = await page.waitForSelector("#boot-error", { timeout: 15000 });
  const text = await box.textContent();
  assert.match(text, /could not start/);
  assert.equal(await page.$("#boot-loading"), null, "the Loading line is still there");
  assert.equal(await page.$("#status"), null, "the app rendered although its wasm was missing");
  await screenshot(page, "boot-error");
  await page.close();
});
