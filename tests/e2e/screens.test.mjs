// Screenshots of a meaningful state, on a desktop and on a phone: a run of the first lesson
// with the decision panel held mid-animation (task 2, its strategy step) and "why not
// here?" open. They land in tests/e2e/screenshots/: look at them. The test also checks what
// a screenshot would show wrong: nothing wider than the phone's screen, the phase on screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { eventually, holdMidAnimation, playgroundSuite, screenshot } from "./helpers.mjs";

const suite = playgroundSuite();

/** Nothing is wider than the screen (no sideways scrolling on a phone). */
async function assertNoSidewaysScroll(page, width) {
  const wide = await page.evaluate((width) => {
    const out = [];
    if (document.scrollingElement.scrollWidth > width) out.push(`page ${document.scrollingElement.scrollWidth}px`);
    // inside a scrolling or clipping box (the editor's lines, JSON previews) is fine
    const clipped = (el) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible") return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll("main *")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1 && !clipped(el)) {
        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${Math.round(r.right)}`);
      }
    }
    return out.slice(0, 10);
  }, width);
  assert.deepEqual(wide, [], `wider than ${width}px`);
}

test("desktop 1280x800: a run held mid-animation, then why not here", async () => {
  const { page } = await suite.open();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole("button", { name: "Run task" }).first().click();
  await holdMidAnimation(page);
  // The cluster paints the same phase: every card has a verdict badge.
  await eventually(async () => assert.equal(await page.locator("article .mark-badge").count(), 3));
  await screenshot(page, "playground-1280x800", { fullPage: false });
  await screenshot(page, "playground-1280x800-full");

  await page.getByRole("button", { name: "Why not here? i-1" }).click();
  const whyNot = page.getByRole("region", { name: /^Why not here\? i-1 \(task 2 of 3\)$/ });
  await whyNot.waitFor();
  await whyNot.scrollIntoViewIfNeeded();
  await screenshot(page, "why-not-1280x800", { fullPage: false });
});

test("phone 390x844: the Cluster and Decision tabs mid-animation", async () => {
  const { page } = await suite.open();
  await page.setViewportSize({ width: 390, height: 844 });
  const tab = (name) => page.getByRole("tab", { name });
  await tab("Definition").click();
  await page.getByRole("button", { name: "Run task" }).first().click();
  // Run shows the Cluster tab.
  await eventually(async () => assert.equal(await tab("Cluster").getAttribute("aria-selected"), "true"));
  await tab("Decision").click();
  await holdMidAnimation(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "decision-390x844", { fullPage: false });
  await screenshot(page, "decision-390x844-full");
  await assertNoSidewaysScroll(page, 390);

  await tab("Cluster").click();
  await eventually(async () => assert.equal(await page.locator("article .mark-badge").count(), 3));
  await screenshot(page, "cluster-390x844", { fullPage: false });
  await screenshot(page, "cluster-390x844-full");
  await assertNoSidewaysScroll(page, 390);

  await tab("Definition").click();
  await screenshot(page, "definition-390x844", { fullPage: false });
  await assertNoSidewaysScroll(page, 390);
});
