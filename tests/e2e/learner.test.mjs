// The learner's path, clicked like a person: after Run the decision and the chosen card are
// in view at every size; Predict first hides each outcome until its step and compares the
// guess; the decision player's keys keep the focus; importing a task definition file keeps
// the cluster; a count ECS would refuse is explained and nothing runs. Screenshots land in
// tests/e2e/screenshots/ (learner-*.png).
import { test } from "node:test";
import assert from "node:assert/strict";
import { chipsPerInstance, eventually, playgroundSuite, screenshot } from "./helpers.mjs";

const suite = playgroundSuite();

/** How much of the element is inside the viewport (0 to 1). */
async function visibleShare(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const h = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
    return r.height > 0 ? Math.max(0, h) / r.height : 0;
  });
}

const decisionTitle = (page) => page.locator("h3.decision-title").innerText();

for (const { width, height, presentation } of [
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080, presentation: true },
]) {
  test(`${width}x${height}${presentation ? " Presentation" : ""}: Run from the Run panel brings the decision into view, and the chosen card at its outcome`, async () => {
    const { page } = await suite.open();
    await page.setViewportSize({ width, height });
    if (presentation) await page.getByRole("button", { name: "Presentation" }).click();
    // The Run panel's own button, far down its column: scroll to it as a person would.
    const panelRun = page.locator("#column-definition").getByRole("button", { name: "Run task" });
    await panelRun.scrollIntoViewIfNeeded();
    await panelRun.click();
    const heading = page.locator("#decision-heading");
    await eventually(async () => assert.ok(await visibleShare(heading) > 0.9, "the decision heading is in view"), { timeout: 4000 });
    // Step to the outcome with the keyboard: the last task's card is on screen.
    await page.locator("body").press("End");
    await eventually(async () => assert.match(await decisionTitle(page), /placed on (i-\d+)/));
    const [, chosen] = (await decisionTitle(page)).match(/placed on (i-\d+)/);
    await eventually(async () => assert.ok(await visibleShare(page.locator(`article[data-instance-id="${chosen}"]`)) > 0.3,
      `${chosen}'s card is in view`));
    await screenshot(page, `learner-after-run-${width}`, { fullPage: false });
  });
}

test("390x844 phone: Run on the Cluster tab shows the cluster, and a refusal stays in sight", async () => {
  const { page } = await suite.open();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("tab", { name: "Cluster" }).click();
  const quick = page.getByRole("region", { name: "Start tasks from the cluster" });
  await quick.getByRole("button", { name: "Run task" }).click();
  await eventually(async () => assert.deepEqual(await chipsPerInstance(page), { "i-1": 0, "i-2": 0, "i-3": 3 }));
  assert.ok(await visibleShare(page.locator('article[data-instance-id="i-1"]')) > 0, "the cluster is on screen");

  // A count RunTask refuses: explained under the field; Run refuses and the notice is in view.
  await page.getByRole("tab", { name: "Definition" }).click();
  const count = page.getByRole("spinbutton", { name: "Count" });
  await count.fill("20");
  await eventually(async () => assert.match(await page.locator("#count-error").innerText(), /RunTask starts at most 10 tasks per call/));
  const run = page.locator("#column-definition").getByRole("button", { name: "Run task" });
  await run.scrollIntoViewIfNeeded();
  await run.click();
  const alert = page.getByRole("alert");
  await eventually(async () => assert.match(await alert.innerText(), /Fix the count first/));
  assert.ok(await visibleShare(alert) > 0.9, "the refusal is in view where Run was pressed");
  await eventually(async () => assert.deepEqual(await chipsPerInstance(page), { "i-1": 0, "i-2": 0, "i-3": 3 }), { timeout: 1000 });
});

test("Predict first: the outcome waits for the guess; at the end the panel says whether ECS agreed", async () => {
  const { page } = await suite.open();
  const decision = page.getByRole("region", { name: "Decision" });
  await decision.getByRole("checkbox", { name: /Predict first/ }).check();
  await page.getByRole("button", { name: "Run task" }).first().click();
  // Nothing moves and nothing tells: no ghost chips, tasks "to predict", the status line waits.
  await eventually(async () => assert.match(await decision.innerText(), /Predict: click the instance card where you think task 1 will go/));
  assert.equal(await page.locator(".chip.pending:visible").count(), 0);
  assert.doesNotMatch(await decision.getByRole("list", { name: "Tasks in this decision" }).innerText(), /on i-\d/);
  assert.match(await page.locator("#status").innerText(), /waits for your prediction/);
  assert.equal(await page.locator(".load-balancer .target:visible").count(), 0, "no target names the answer");
  await screenshot(page, "learner-predict-first", { fullPage: false });

  // Guess i-1 for task 1 (binpack on memory puts all three on the t3.medium, i-3).
  await page.locator('article[data-instance-id="i-1"]').click();
  await eventually(async () => assert.match(await decision.innerText(), /Your guess for task 1: i-1/));
  const step = decision.getByRole("button", { name: "Step", exact: true });
  await step.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  await eventually(async () => assert.match(await decisionTitle(page), /Task 1 of 3 — step 5 of 5: placed on i-3/));
  assert.match(await decision.innerText(), /You guessed i-1; ECS chose i-3/);
  // End of the decision: the Step button says it is unavailable but keeps the focus.
  await page.keyboard.press("End");
  await eventually(async () => assert.equal(await step.getAttribute("aria-disabled"), "true"));
  assert.ok(await step.evaluate((el) => el === document.activeElement), "the focus stays on Step");
  assert.match(await page.locator("#status").innerText(), /Task 3 placed on i-3/);
});

test("importing a task definition file fills the editor and keeps the cluster", async () => {
  const { page } = await suite.open();
  await page.getByRole("button", { name: "Run task" }).first().click();
  await eventually(async () => assert.deepEqual(await chipsPerInstance(page), { "i-1": 0, "i-2": 0, "i-3": 3 }));
  const text = JSON.stringify({ family: "imported", containerDefinitions: [{ name: "app", image: "nginx", memory: 128 }] }, null, 2);
  await page.getByLabel("Import").setInputFiles({ name: "taskdef.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await page.getByRole("status").filter({ hasText: "Loaded the task definition taskdef.json into the editor; the cluster is unchanged" }).waitFor();
  assert.deepEqual(await chipsPerInstance(page), { "i-1": 0, "i-2": 0, "i-3": 3 });
  assert.equal(await page.locator("textarea").inputValue(), text);
  await eventually(async () => assert.match(await page.locator(".editor-registration").innerText(), /Not registered yet: Run task registers it as imported:1/));
});

test("a 250-character family name wraps or is cut: the page stays as wide as the screen", async () => {
  const { page } = await suite.open();
  const family = "x".repeat(250);
  const text = JSON.stringify({ family, containerDefinitions: [{ name: "app", image: "nginx", memory: 128 }] }, null, 2);
  const editor = page.locator("textarea");
  await editor.fill(text);
  await page.getByRole("button", { name: "Run task" }).first().click();
  await eventually(async () => assert.ok((await page.locator(`ul.chips > li[title*="${family.slice(0, 40)}"]`).count()) >= 1));
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width, height });
    if (width < 800) await page.getByRole("tab", { name: "Cluster" }).click();
    await eventually(async () => {
      const scrollWidth = await page.evaluate(() => document.scrollingElement.scrollWidth);
      assert.ok(scrollWidth <= width, `page ${scrollWidth}px wide at ${width}px`);
    });
    await screenshot(page, `learner-long-family-${width}`, { fullPage: false });
  }
});

for (const [width, height] of [[720, 480], [390, 700]]) {
  test(`embed ${width}x${height}: Run beside the cluster, and the chosen card in view at the outcome`, async () => {
    const { page } = await suite.open("?embed=1");
    await page.setViewportSize({ width, height });
    const quick = page.getByRole("region", { name: "Start tasks from the cluster" });
    const run = quick.getByRole("button", { name: "Run task" });
    assert.ok(await visibleShare(run) > 0.9, "the Run button is on the embed's first screen");
    await run.click();
    await eventually(async () => assert.deepEqual(await chipsPerInstance(page), { "i-1": 0, "i-2": 0, "i-3": 3 }));
    await page.locator("body").press("End");
    await eventually(async () => assert.ok(await visibleShare(page.locator('article[data-instance-id="i-3"]')) > 0.3,
      "i-3's card is in view"));
    await screenshot(page, `learner-embed-${width}`, { fullPage: false });
  });
}

test("adding an instance draws one card: the zone's other cards are kept, not drawn again", async () => {
  const { page } = await suite.open();
  const before = await page.evaluate(() => {
    window.__cards = new Map([...document.querySelectorAll("article[data-instance-id]")].map((a) => [a.dataset.instanceId, a]));
    return window.__cards.size;
  });
  const zone = page.locator('section.zone[data-zone="us-east-1a"]');
  await zone.getByRole("button", { name: "Add instance" }).click();
  await eventually(async () => assert.equal(await page.locator("article[data-instance-id]").count(), before + 1));
  await zone.getByRole("button", { name: "Add instance" }).click();
  await eventually(async () => assert.equal(await page.locator("article[data-instance-id]").count(), before + 2));
  const redrawn = await page.evaluate(() => [...document.querySelectorAll("article[data-instance-id]")]
    .filter((a) => window.__cards.has(a.dataset.instanceId) && window.__cards.get(a.dataset.instanceId) !== a)
    .map((a) => a.dataset.instanceId));
  assert.deepEqual(redrawn, []);
});

test("the second Tab stop skips to the decision: the next Tab is its first control", async () => {
  const { page } = await suite.open();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to the decision");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate(() => !!document.activeElement.closest("#column-decision")),
    "focus moved into the decision column");
});
