// Keeping and passing on work: a share link opened in another browser (no localStorage)
// gives the same cluster; a reload keeps the work; ?scenario= opens each lesson and
// ?embed=1 drops the header. No console error, page error or failed request anywhere.
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  chipsPerInstance,
  eventually,
  instanceZones,
  launchBrowser,
  openPage,
  playgroundSuite,
  waitForApp,
  zoneColumn,
} from "./helpers.mjs";

const suite = playgroundSuite();

async function open(query = "") {
  return (await suite.open(query)).page;
}

/** Everything a person would compare between two copies of the playground. */
async function snapshot(page) {
  return {
    zones: await instanceZones(page),
    chips: await chipsPerInstance(page),
    tasks: await page.evaluate(() => Object.fromEntries(
      [...document.querySelectorAll("article[data-instance-id]")].map((c) =>
        [c.dataset.instanceId, [...c.querySelectorAll("[data-task-arn]")].map((t) => t.dataset.taskArn)]),
    )),
    text: await page.getByLabel("Task definition JSON").inputValue(),
    count: await page.getByRole("spinbutton", { name: "Count" }).inputValue(),
    strategy: [
      await page.getByRole("combobox", { name: "Strategy 1 type" }).inputValue(),
      await page.getByRole("combobox", { name: "Strategy 1 field" }).inputValue(),
    ],
  };
}

/** Some work of one's own: a t3.micro in us-east-1c, spread by instance, five tasks. */
async function makeSomeWork(page) {
  const zone = zoneColumn(page, "us-east-1c");
  await zone.getByRole("combobox", { name: "Instance type for us-east-1c" }).selectOption("t3.micro");
  await zone.getByRole("button", { name: "Add instance" }).click();
  await eventually(async () => assert.equal((await instanceZones(page))["i-4"], "us-east-1c"));
  await page.getByRole("combobox", { name: "Strategy 1 type" }).selectOption("spread");
  await page.getByRole("combobox", { name: "Strategy 1 field" }).selectOption("instanceId");
  await page.getByRole("spinbutton", { name: "Count" }).fill("5");
  await page.getByRole("button", { name: "Run task" }).first().click();
  await eventually(async () => {
    const chips = await chipsPerInstance(page);
    assert.equal(Object.values(chips).reduce((a, b) => a + b, 0), 5, JSON.stringify(chips));
  });
}

test("Share: the link opened in another browser shows the same cluster", async () => {
  const page = await open();
  await makeSomeWork(page);
  const mine = await snapshot(page);
  assert.equal(Object.keys(mine.zones).length, 4);

  await page.getByRole("button", { name: "Share", exact: true }).click();
  const linkBox = page.getByRole("textbox", { name: "Share link" });
  await linkBox.waitFor();
  const link = await linkBox.inputValue();
  assert.ok(link.startsWith(suite.server.url), link);
  assert.match(link, /#s=/);
  assert.match(await page.getByRole("status").filter({ has: linkBox }).innerText(), /(Link copied|Copy this link)/);
  // The address bar holds the link too.
  assert.equal(page.url(), link);

  // A new browser profile: no localStorage, nothing shared but the link.
  const other = await launchBrowser();
  try {
    const opened = await openPage(other.context);
    suite.track(opened);
    await opened.page.goto(link, { waitUntil: "load" });
    await waitForApp(opened.page);
    await opened.page.getByRole("status").filter({ hasText: "Opened the shared scenario." }).waitFor();
    await eventually(async () => assert.deepEqual(await snapshot(opened.page), mine));
    // The link is taken out of the address bar, so a reload keeps later changes.
    await eventually(async () => assert.ok(!opened.page.url().includes("#s="), opened.page.url()));
    await opened.page.close();
  } finally {
    await other.close();
  }
});

test("Export writes a scenario file; Import in another browser brings the same cluster; a broken file changes nothing", async () => {
  const page = await open();
  await makeSomeWork(page);
  const before = await snapshot(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export" }).click(),
  ]);
  const name = download.suggestedFilename();
  assert.match(name, /\.json$/);
  const text = await readFile(await download.path(), "utf8");
  // The ecs-sim scenario format: the lesson's three instances, then the requests in order
  // (the added t3.micro is a RegisterContainerInstance, the run a RunTask of 5).
  const scenario = JSON.parse(text);
  assert.equal(scenario.containerInstances.length, 3);
  const ops = scenario.requests.map((r) => Object.keys(r)[0]);
  assert.ok(ops.includes("RegisterContainerInstance"), ops.join(", "));
  assert.ok(scenario.requests.some((r) => r.RunTask?.count === 5), ops.join(", "));

  // A first-time visitor imports it, as a person chooses a file.
  const other = await open();
  await other.getByLabel("Import").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
  await other.getByRole("status").filter({ hasText: `Imported the scenario ${name}: it replaced the board` }).waitFor();
  await eventually(async () => assert.deepEqual(await snapshot(other), before));

  // A broken file: an error that says where, and the work stays.
  await other.getByLabel("Import").setInputFiles({
    name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"seed": 1,\n  "requests": [ }'),
  });
  const alert = other.getByRole("alert");
  await eventually(async () => assert.match(await alert.innerText(),
    /broken\.json could not be imported — line 2, column \d+: .*Your current work is unchanged\./s));
  assert.deepEqual(await snapshot(other), before);
});

test("a reload keeps the work (localStorage)", async () => {
  const page = await open();
  await makeSomeWork(page);
  const before = await snapshot(page);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).sort()),
    ["ecs-playground.doc.v1", "ecs-playground.extras.v1"]);
  await page.reload({ waitUntil: "load" });
  await waitForApp(page);
  await eventually(async () => assert.deepEqual(await snapshot(page), before));
  // The event log replays the same history.
  assert.match(await page.getByRole("region", { name: /^Event log/ }).getByRole("listitem").first().innerText(),
    /#\d+ RunTask[\s\S]*Placed 5 tasks of web/);
});

test("?scenario=NAME opens each built-in lesson, and each runs", async () => {
  const page = await open();
  const scenarios = await page.getByRole("combobox", { name: "Scenario" }).evaluate((select) =>
    [...select.options].filter((o) => o.value).map((o) => ({ name: o.value, title: o.textContent })));
  assert.ok(scenarios.length >= 6, JSON.stringify(scenarios));
  for (const name of ["binpack-vs-spread", "dynamic-ports-alb", "distinct-instance", "member-of-cql", "port-conflict", "awsvpc-eni"]) {
    assert.ok(scenarios.some((s) => s.name === name), `${name} is not in the Scenario list`);
  }
  for (const { name, title } of scenarios) {
    await page.goto(`${suite.server.url}?scenario=${name}`, { waitUntil: "load" });
    await waitForApp(page);
    await page.getByRole("complementary", { name: `Lesson ${title}` }).waitFor();
    assert.equal(await page.getByRole("combobox", { name: "Scenario" }).inputValue(), name);
    assert.ok((await page.locator("section.zone[data-zone]").count()) >= 1, `${name}: no zone column`);
    // The query is tidied away so a reload restores the saved work.
    await eventually(async () => assert.ok(!page.url().includes("scenario="), page.url()));
    const log = page.getByRole("region", { name: /^Event log/ }).getByRole("listitem");
    const entries = await log.count();
    await page.getByRole("button", { name: "Run task" }).first().click();
    await eventually(async () => {
      // RunTask, after a RegisterTaskDefinition when the editor's text is not registered yet
      const added = (await log.count()) - entries;
      assert.ok(added === 1 || added === 2, `${name}: ${added} new log entries`);
      assert.match(await log.first().innerText(), /RunTask/, name);
    });
  }
  // The lesson that teaches RESOURCE:PORTS shows it on its first run.
  await page.goto(`${suite.server.url}?scenario=port-conflict`, { waitUntil: "load" });
  await waitForApp(page);
  await page.getByRole("button", { name: "Run task" }).first().click();
  await eventually(async () => assert.match(
    await page.getByRole("region", { name: /^Event log/ }).getByRole("listitem").first().innerText(),
    /Placed 2 of 3 tasks of api[\s\S]*RESOURCE:PORTS/,
  ));
  // An unknown name says so and changes nothing.
  await page.goto(`${suite.server.url}?scenario=no-such-lesson`, { waitUntil: "load" });
  await waitForApp(page);
  assert.match(await page.getByRole("alert").innerText(), /There is no built-in scenario called "no-such-lesson"/);
});

test("?embed=1 hides the header chrome and leaves saved work alone", async () => {
  const page = await open();
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${suite.server.url}?embed=1&scenario=port-conflict`, { waitUntil: "load" });
  await waitForApp(page);
  await page.getByRole("complementary", { name: /^Lesson A static host port/ }).waitFor();
  assert.equal(await page.getByRole("banner").count(), 0, "the header is shown");
  for (const name of ["Share", "Undo", "Redo", "Export", "Presentation", "Learn"]) {
    assert.equal(await page.getByRole("button", { name, exact: true }).count(), 0, `${name} is shown`);
  }
  assert.equal(await page.getByRole("combobox", { name: "Scenario" }).count(), 0);
  const full = page.getByRole("link", { name: /Open the full playground/ });
  assert.equal(await full.getAttribute("href"), "./?scenario=port-conflict");
  assert.equal(await full.getAttribute("target"), "_blank");
  // The playground itself works.
  assert.equal(await page.getByRole("article").count(), 2);
  await page.getByRole("button", { name: "Run task" }).first().click();
  await eventually(async () => assert.deepEqual(Object.values(await chipsPerInstance(page)), [1, 1]));
  // The embed keeps ?embed=1 in the address bar and writes nothing to localStorage.
  assert.match(page.url(), /embed=1/);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
});
