// A bug that panics must not leave a dead page without a word: the panic hook shows a
// readable notice (the page is asked to panic on purpose with ?panic-test=1).
import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openPage } from "./helpers.mjs";

test("a panic shows a readable notice on the page", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const { page } = await openPage(browser.context);
  await page.goto(`${server.url}?panic-test=1`);
  const notice = page.locator("#panic-notice");
  await notice.waitFor({ timeout: 15000 });
  const text = await notice.textContent();
  assert.match(text, /stopped after an internal error/);
  assert.match(text, /reload the page/);
  assert.match(text, /panic-test=1 asked for a test panic/);
});
