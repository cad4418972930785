// The playground driven like a person: by the names a screen reader reads (roles, labels,
// button texts) and the keyboard. Each test starts as a first-time visitor (localStorage
// cleared) and ends with no console error, page error or failed request.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  addInstanceWithKeyboard,
  chipsPerInstance,
  chipsPerZone,
  eventually,
  instanceZones,
  playgroundSuite,
  removeAllInstances,
  zoneColumn,
} from "./helpers.mjs";

const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];

const suite = playgroundSuite();

async function open(query = "") {
  return (await suite.open(query)).page;
}

/** Pauses the decision's playback (Run starts it) and waits until it stays paused. */
async function pauseDecision(page) {
  const pause = page.getByRole("button", { name: "Pause", exact: true });
  const play = page.getByRole("button", { name: "Play", exact: true });
  await eventually(async () => {
    if (await pause.count()) await pause.click();
    assert.equal(await play.count(), 1, "the Play button is not back");
  });
}

/** The title of the phase the decision panel shows ("Task 1 of 3 — step 2 of 5: resources"). */
function phaseTitle(page) {
  return page.getByRole("region", { name: "Decision" }).locator("h3.decision-title").innerText();
}

/** An empty cluster (the first lesson's instances removed), then one instance per zone
 * added from the keyboard. Returns the new instance ids, by zone. */
async function oneInstancePerZone(page) {
  await removeAllInstances(page);
  await eventually(async () => assert.deepEqual(await chipsPerInstance(page), {}));
  for (const zone of ZONES) await addInstanceWithKeyboard(page, zone);
  let placed;
  await eventually(async () => {
    placed = await instanceZones(page);
    assert.deepEqual(Object.values(placed).sort(), ZONES, "one instance in each zone");
  });
  return placed;
}

async function runTasks(page, count) {
  await page.getByRole("spinbutton", { name: "Count" }).fill(String(count));
  await page.getByRole("button", { name: "Run task" }).first().click();
}

test("fixing a typo the editor flagged: line and column, then valid", async () => {
  const page = await open();
  const editor = page.getByLabel("Task definition JSON");
  const summary = page.locator("#taskdef-editor-summary");
  const problems = page.getByRole("list", { name: "Problems" }).getByRole("button");

  const typo = [
    "{",
    '  "family": "web",',
    '  "containerDefinitions": [',
    '    { "name": "web", "image": "nginx", "cpu": 256, "memory": "abc", }',
    "  ]",
    "}",
  ].join("\n");
  await editor.fill(typo);
  // The debounced validation (250 ms) lists the trailing comma, with its line and column.
  const comma = typo.split("\n")[3].indexOf(", }") + 1;
  await eventually(async () => {
    assert.deepEqual(await problems.allInnerTexts(), [
      `✕Error line 4, column ${comma} — invalid JSON: Trailing commas are not allowed (JSON does not allow a comma before a closing bracket or brace)`,
    ]);
  });
  assert.match(await summary.innerText(), /1 error/);
  assert.equal(await editor.getAttribute("aria-invalid"), "true");

  // Choosing the problem puts the caret on the comma; Delete removes it.
  await problems.first().click();
  await eventually(async () => assert.equal(await editor.evaluate((t) => t.value[t.selectionStart]), ","));
  await page.keyboard.press("Delete");

  // Now the JSON parses and the reader finds the next problem: "abc" is no memory size.
  const abc = typo.split("\n")[3].indexOf('"abc"') + 1;
  await eventually(async () => {
    assert.deepEqual(await problems.allInnerTexts(), [
      `✕Error line 4, column ${abc} — containerDefinitions[0].memory: expected a whole number, got the string "abc"`,
    ]);
  });
  await problems.first().click();
  await eventually(async () => assert.equal(await editor.evaluate((t) => t.value.substr(t.selectionStart, 5)), '"abc"'));
  for (let i = 0; i < 5; i++) await page.keyboard.press("Delete");
  await page.keyboard.type("512");

  await eventually(async () => {
    assert.equal(await problems.count(), 0, "the problem list is still there");
    assert.equal(
      (await summary.innerText()).trim(),
      "✓ Valid task definition: family web, bridge, reserves 256 CPU units and 512 MiB",
    );
  });
  assert.notEqual(await editor.getAttribute("aria-invalid"), "true");
  assert.match(await editor.inputValue(), /"memory": 512 \}/);
  // The Run panel reads the same text.
  await eventually(async () => assert.match(
    await page.getByRole("region", { name: "Run" }).locator(".td-summary").innerText(),
    /web · bridge mode · each task reserves 256 CPU units and 512 MiB/,
  ));
});

test("dragging an instance type from the palette into a zone adds that instance there", async () => {
  const page = await open();
  const before = await instanceZones(page);
  // A real mouse drag (press, move, release): Chromium runs the page's HTML5 drag and drop.
  // The window is tall enough to show the palette and the zone at once, as a person would
  // have it (a drag does not scroll the page here).
  await page.setViewportSize({ width: 1280, height: 1200 });
  const from = await page.locator(".palette-item").filter({ hasText: "c5.large" }).boundingBox();
  const to = await zoneColumn(page, "us-east-1b").boundingBox();
  await page.mouse.move(from.x + 20, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 40, from.y + from.height / 2 + 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 10 });
  await page.mouse.up();
  await eventually(async () => {
    const after = await instanceZones(page);
    const added = Object.keys(after).filter((id) => !(id in before));
    assert.equal(added.length, 1, `one new instance, got ${JSON.stringify(after)}`);
    assert.equal(after[added[0]], "us-east-1b");
    assert.match(await page.locator(`article[data-instance-id="${added[0]}"]`).innerText(), /c5\.large/);
  });
  assert.match(await page.getByRole("region", { name: /^Event log/ }).getByRole("listitem").first().innerText(),
    /RegisterContainerInstance/);
});

test("Run sits beside the cluster (wide and on a phone's Cluster tab): the lesson's run, then back to its settings", async () => {
  const page = await open();
  // Wide: the Run panel's button, and one at the top of the cluster under the lesson.
  assert.equal(await page.getByRole("button", { name: "Run task" }).count(), 2);
  const clusterRun = page.locator("#column-cluster").getByRole("button", { name: "Run task" });
  assert.ok(await clusterRun.isVisible());
  const box = await clusterRun.boundingBox();
  assert.ok(box.y + box.height <= 800, `the cluster's Run button is on the first screen (y ${box.y})`);

  await page.setViewportSize({ width: 390, height: 844 });
  const tab = (name) => page.getByRole("tab", { name });
  await tab("Cluster").click();
  const quick = page.getByRole("region", { name: "Start tasks from the cluster" });
  await eventually(async () => assert.match(await quick.innerText(), /3 tasks · binpack\(memory\)/));
  await quick.getByRole("button", { name: "Run task" }).click();
  // binpack on memory: all three on the t3.medium, and the cluster stays on screen.
  await eventually(async () => assert.deepEqual(await chipsPerInstance(page), { "i-1": 0, "i-2": 0, "i-3": 3 }));
  assert.equal(await tab("Cluster").getAttribute("aria-selected"), "true");

  await quick.getByRole("button", { name: "Change what runs" }).click();
  await eventually(async () => assert.equal(await tab("Definition").getAttribute("aria-selected"), "true"));
  await page.getByRole("spinbutton", { name: "Count" }).waitFor();
});

test("spread by AZ: six tasks on three instances in three zones, two per zone", async () => {
  const page = await open();
  const placed = await oneInstancePerZone(page);
  // The first lesson's instances were i-1..i-3; ids are never reused.
  assert.deepEqual(Object.keys(placed).sort(), ["i-4", "i-5", "i-6"]);

  // Strategy 1: spread over Availability Zones (the field a new spread starts with).
  await page.getByRole("combobox", { name: "Strategy 1 type" }).selectOption("spread");
  const field = page.getByRole("combobox", { name: "Strategy 1 field" });
  await eventually(async () => assert.equal(await field.inputValue(), "attribute:ecs.availability-zone"));
  assert.match(await page.getByRole("region", { name: "Run" }).innerText(), /the zone with fewest tasks of the group/);

  await runTasks(page, 6);
  await eventually(async () => {
    assert.deepEqual(await chipsPerZone(page), { "us-east-1a": 2, "us-east-1b": 2, "us-east-1c": 2 });
  });
  // Also as a person counts them: the task list of each zone's card.
  for (const zone of ZONES) {
    const chips = zoneColumn(page, zone).getByRole("list", { name: /^Tasks on i-/ }).getByRole("listitem");
    assert.equal(await chips.count(), 2, zone);
  }
  await eventually(async () => assert.match(
    await page.getByRole("region", { name: /^Event log/ }).getByRole("listitem").first().innerText(),
    /#\d+ RunTask[\s\S]*Placed 6 tasks of web/,
  ));
});

test("a service from the Run panel: six desired, spread by AZ, then scaled to three", async () => {
  const page = await open();
  await oneInstancePerZone(page);
  await page.getByRole("combobox", { name: "Strategy 1 type" }).selectOption("spread");
  const run = page.getByRole("region", { name: "Run" });
  await run.getByRole("radio", { name: /^A service/ }).check();
  await run.getByRole("spinbutton", { name: "Desired count" }).fill("6");
  await run.getByText("Request").click();
  assert.match(await run.locator("pre.json").innerText(), /"CreateService"[\s\S]*"desiredCount": 6/);
  await run.getByRole("button", { name: "Create service" }).click();
  await eventually(async () => {
    assert.deepEqual(await chipsPerZone(page), { "us-east-1a": 2, "us-east-1b": 2, "us-east-1c": 2 });
  });
  // The same button now updates the service; scaling in keeps the spread.
  await run.getByRole("spinbutton", { name: "Desired count" }).fill("3");
  await run.getByRole("button", { name: "Update service" }).click();
  await eventually(async () => {
    assert.deepEqual(await chipsPerZone(page), { "us-east-1a": 1, "us-east-1b": 1, "us-east-1c": 1 });
  });
  assert.match(await page.getByRole("region", { name: /^Event log/ }).innerText(), /UpdateService/);
});

test("a Fargate-only task definition runs on Fargate: a lane per zone, and no instance to choose", async () => {
  const page = await open();
  await page.getByLabel("Templates").selectOption({ label: "Fargate service, awsvpc" });
  const run = page.getByRole("region", { name: "Run" });
  await eventually(async () => assert.match(await run.innerText(), /Fargate only/));
  await run.getByText("Request").click();
  assert.match(await run.locator("pre.json").innerText(), /"launchType": "FARGATE"/);
  await page.getByRole("button", { name: "Run task" }).first().click();
  // One task in each zone's Fargate lane (the lesson's three zones), none on an instance.
  for (const zone of ZONES) {
    await eventually(async () => assert.equal(
      await page.getByRole("list", { name: `Fargate tasks in ${zone}` }).getByRole("listitem").count(), 1, zone));
  }
  assert.deepEqual(Object.values(await chipsPerInstance(page)).filter((n) => n > 0), []);
  await eventually(async () => assert.match(
    await page.getByRole("region", { name: "Decision" }).innerText(), /Fargate: no instance to choose/));
  assert.match(await page.getByRole("region", { name: /^Event log/ }).getByRole("listitem").first().innerText(),
    /Placed 3 tasks of api: Fargate \(us-east-1a\)/);
});

test("a containerPortRange: each task's card shows its single host port and its range of 20", async () => {
  const page = await open();
  await page.getByLabel("Templates").selectOption({ label: "Media server, UDP port range (bridge)" });
  await eventually(async () => assert.match(await page.getByRole("region", { name: "Run" }).innerText(), /media · bridge mode/));
  await page.getByRole("button", { name: "Run task" }).first().click();
  // The lesson's binpack on memory puts all three on i-3; next-fit hands out the ports.
  const chips = page.locator('article[data-instance-id="i-3"] ul.chips > li');
  await eventually(async () => assert.deepEqual(
    await chips.evaluateAll((lis) => lis.map((li) => [...li.querySelectorAll(".port-pill")].map((p) => p.textContent))),
    [[":32768", ":32769-32788"], [":32789", ":32790-32809"], [":32810", ":32811-32830"]],
  ));
});

test("binpack(memory) on identical instances fills one instance first", async () => {
  const page = await open();
  await oneInstancePerZone(page); // three m5.large, the columns' default type
  const types = await page.getByRole("article").evaluateAll((cards) => cards.map((c) => c.querySelector(".itype").textContent));
  assert.deepEqual(types, ["m5.large", "m5.large", "m5.large"]);

  await page.getByRole("combobox", { name: "Strategy 1 type" }).selectOption("binpack");
  await page.getByRole("combobox", { name: "Strategy 1 field" }).selectOption("memory");
  // Only the one rule.
  assert.equal(await page.getByRole("combobox", { name: "Strategy 2 type" }).count(), 0);

  // Five tasks (256 CPU units, 512 MiB each): all on one instance.
  await runTasks(page, 5);
  let first;
  await eventually(async () => {
    const chips = await chipsPerInstance(page);
    const busy = Object.entries(chips).filter(([, n]) => n > 0);
    assert.equal(busy.length, 1, `tasks on more than one instance: ${JSON.stringify(chips)}`);
    assert.equal(busy[0][1], 5);
    first = busy[0][0];
  });

  // Five more: that instance takes three more, until its 2,048 CPU units are all reserved
  // (8 x 256); only then does a second instance get tasks.
  await runTasks(page, 5);
  await eventually(async () => {
    const chips = await chipsPerInstance(page);
    assert.equal(chips[first], 8, JSON.stringify(chips));
    const others = Object.entries(chips).filter(([id]) => id !== first).map(([, n]) => n).sort();
    assert.deepEqual(others, [0, 2], JSON.stringify(chips));
  });
  // While the decision plays, the card counts only the tasks placed so far (the later ones
  // are ghosts); at the last step it is full. Jump there as a person would: the last task.
  const full = page.locator(`article[data-instance-id="${first}"]`);
  await page.getByRole("list", { name: "Tasks in this decision" }).getByRole("button").last().click();
  await eventually(async () => assert.match(await full.innerText(), /2,048 \/ 2,048 CPU units/));
  assert.equal(await full.locator(".chip.pending").count(), 0, "no ghost once every task is placed");
});

test("a static host port: RESOURCE:PORTS in the log, and why not here lists the ports check", async () => {
  const page = await open();
  // Three instances; a template with hostPort 8080; four tasks.
  await page.getByLabel("Templates").selectOption({ label: "Static host port 8080 (port conflicts)" });
  const editor = page.getByLabel("Task definition JSON");
  await eventually(async () => assert.match(await editor.inputValue(), /"hostPort": 8080/));
  assert.equal(await page.getByRole("article").count(), 3);
  await runTasks(page, 4);

  // The event log: three placed, the fourth not, with ECS's reason.
  const newest = page.getByRole("region", { name: /^Event log/ }).getByRole("listitem").first();
  await eventually(async () => {
    const text = await newest.innerText();
    assert.match(text, /Placed 3 of 4 tasks of legacy/);
    assert.match(text, /RESOURCE:PORTS/);
    assert.match(text, /is already using a port required by your task/);
  });
  await eventually(async () => assert.deepEqual(Object.values(await chipsPerInstance(page)), [1, 1, 1]));

  // The decision panel: the fourth task, to its end.
  await pauseDecision(page);
  const decision = page.getByRole("region", { name: "Decision" });
  await decision.getByRole("button", { name: "Task 4 not placed" }).click();
  await eventually(async () => assert.match(await phaseTitle(page), /^Task 4 of 4 — step 1 of \d+: candidates$/));
  const step = decision.getByRole("button", { name: "Step", exact: true });
  while (await step.isEnabled()) await step.click();
  await eventually(async () => assert.match(await phaseTitle(page), /^Task 4 of 4 — step \d+ of \d+: not placed$/));
  const failure = decision.locator(".decision-failure");
  assert.match(await failure.innerText(), /ECS reports this as RESOURCE:PORTS/);
  assert.match(await failure.innerText(), /host port 8080\/tcp is already used/);

  // Why not here? Click the card of i-1.
  await page.getByRole("article", { name: /^m5\.large i-1,/ }).click({ position: { x: 12, y: 12 } });
  const whyNot = decision.getByRole("region", { name: "Why not here? i-1 (task 4 of 4)" });
  await whyNot.waitFor();
  await eventually(async () => assert.equal(
    await page.evaluate(() => document.activeElement?.id),
    "decision-why-not-title",
    "focus moves to the answer",
  ));
  const ports = whyNot.getByRole("table", { name: "Resource checks (step 1)" }).getByRole("row", { name: /^ports / });
  assert.match(await ports.innerText(), /fails\s*host port 8080\/tcp is already used by a running task/);
  const cpu = whyNot.getByRole("row", { name: /^cpu / });
  assert.match(await cpu.innerText(), /passes/);
  assert.match(await whyNot.innerText(), /i-1 was ruled out at the resource checks: ports: host port 8080\/tcp/);
});

test("Undo and Redo buttons, and Ctrl+Z / Ctrl+Shift+Z, on an instance add", async () => {
  const page = await open();
  const cards = page.getByRole("article");
  const undo = page.getByRole("button", { name: "Undo", exact: true });
  const redo = page.getByRole("button", { name: "Redo", exact: true });
  const count = async (n) => eventually(async () => assert.equal(await cards.count(), n));
  await count(3);
  assert.ok(await undo.isDisabled(), "Undo is enabled on a fresh page");
  assert.ok(await redo.isDisabled());

  await zoneColumn(page, "us-east-1b").getByRole("button", { name: "Add instance" }).click();
  await count(4);
  assert.deepEqual(await instanceZones(page), {
    "i-1": "us-east-1a", "i-2": "us-east-1b", "i-4": "us-east-1b", "i-3": "us-east-1c",
  });
  await eventually(async () => assert.ok(await undo.isEnabled()));

  await undo.click();
  await count(3);
  await eventually(async () => assert.ok(await redo.isEnabled()));
  await redo.click();
  await count(4);
  await eventually(async () => assert.ok(await redo.isDisabled()));

  // The keyboard, with focus outside any text field.
  await page.getByRole("heading", { name: "us-east-1b", exact: true }).click();
  await page.keyboard.press("Control+z");
  await count(3);
  await page.keyboard.press("Control+Shift+z");
  await count(4);
  await page.keyboard.press("Control+z");
  await count(3);
  await page.keyboard.press("Control+y");
  await count(4);

  // In the editor, Ctrl+Z belongs to the text field, not to the cluster.
  await page.getByLabel("Task definition JSON").focus();
  await page.keyboard.press("Control+z");
  await page.waitForTimeout(100); // nothing should happen; give a wrong handler the chance
  await count(4);
});

test("decision panel: Play and Step by name; stepping changes the phase title", async () => {
  const page = await open();
  const decision = page.getByRole("region", { name: "Decision" });
  const play = decision.getByRole("button", { name: "Play", exact: true });
  const step = decision.getByRole("button", { name: "Step", exact: true });
  const back = decision.getByRole("button", { name: "Back", exact: true });
  // Before any run: the controls are there, disabled, and the panel says why.
  assert.ok(await play.isDisabled());
  assert.ok(await step.isDisabled());
  assert.equal(await phaseTitle(page), "No decision yet");

  await page.getByRole("button", { name: "Run task" }).first().click();
  await pauseDecision(page); // Run starts the playback

  await decision.getByRole("button", { name: /^Task 1 / }).click();
  await eventually(async () => assert.equal(await phaseTitle(page), "Task 1 of 3 — step 1 of 5: candidates"));
  const titles = [await phaseTitle(page)];
  const progress = decision.getByRole("progressbar", { name: "Decision progress" });
  assert.equal(await progress.getAttribute("value"), "1");
  for (let i = 0; i < 4; i++) {
    await step.click();
    await eventually(async () => assert.notEqual(await phaseTitle(page), titles.at(-1)));
    titles.push(await phaseTitle(page));
  }
  assert.deepEqual(titles, [
    "Task 1 of 3 — step 1 of 5: candidates",
    "Task 1 of 3 — step 2 of 5: resources",
    "Task 1 of 3 — step 3 of 5: constraints",
    "Task 1 of 3 — step 4 of 5: binpack on memory",
    "Task 1 of 3 — step 5 of 5: placed on i-3",
  ]);
  assert.equal(await progress.getAttribute("value"), "5");
  // The card the task went to is painted chosen at that step.
  assert.equal(await page.locator("article.mark-chosen").count(), 1);
  assert.equal(await page.locator("article.mark-chosen").getAttribute("data-instance-id"), "i-3");
  await back.click();
  await eventually(async () => assert.equal(await phaseTitle(page), titles[3]));

  // Play runs to the end on its own and turns back into Play.
  await decision.getByRole("combobox", { name: "Speed" }).selectOption("4");
  await play.click();
  await decision.getByRole("button", { name: "Pause", exact: true }).waitFor();
  await eventually(async () => {
    assert.match(await phaseTitle(page), /^Task 3 of 3 — step 5 of 5: placed on i-\d$/);
    assert.equal(await play.count(), 1);
  }, { timeout: 10000 });
});

test("the coloured text stays under the caret: scrolled editor, phone tabs, re-renders", async () => {
  const page = await open();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("tab", { name: "Definition" }).click();
  const editor = page.getByLabel("Task definition JSON");
  const long = JSON.stringify({
    family: "web",
    containerDefinitions: Array.from({ length: 40 }, (_, i) => ({ name: `c${i}`, image: "nginx", memory: 64 })),
  }, null, 2);
  await editor.fill(long);
  // Where the textarea is scrolled, and where the drawn layers are.
  const offsets = () => page.evaluate(() => {
    const ta = document.querySelector("textarea.editor-input");
    const y = (sel) => new DOMMatrix(getComputedStyle(document.querySelector(sel)).transform).m42;
    return { scroll: ta.scrollTop, text: 0 - y(".editor-layer.editor-text"), gutter: 0 - y(".editor-gutter .editor-layer") };
  });
  await editor.evaluate((ta) => { ta.scrollTop = 600; });
  await eventually(async () => assert.deepEqual(await offsets(), { scroll: 600, text: 600, gutter: 600 }));

  // Away to the Cluster tab (the editor is hidden), change things, come back.
  await page.getByRole("tab", { name: "Cluster" }).click();
  await zoneColumn(page, "us-east-1a").getByRole("button", { name: "Add instance" }).click();
  await eventually(async () => assert.equal(await page.getByRole("article").count(), 4));
  await page.getByRole("tab", { name: "Definition" }).click();
  await eventually(async () => assert.deepEqual(await offsets(), { scroll: 600, text: 600, gutter: 600 }));
  // The text changes while the editor is hidden (Undo twice: the instance, then the
  // long text): back on the tab, the layers match the new, shorter text's scroll.
  await page.getByRole("tab", { name: "Cluster" }).click();
  const undo = page.getByRole("button", { name: "Undo", exact: true });
  await undo.click();
  await eventually(async () => assert.equal(await page.getByRole("article").count(), 3));
  await undo.click();
  await eventually(async () => assert.doesNotMatch(await editor.inputValue(), /"c39"/));
  await page.getByRole("tab", { name: "Definition" }).click();
  await eventually(async () => {
    const o = await offsets();
    assert.ok(o.scroll < 600, JSON.stringify(o));
    assert.deepEqual(o, { scroll: o.scroll, text: o.scroll, gutter: o.scroll });
  });
  // Typing at the end scrolls the textarea; the layers follow.
  await editor.fill(long);
  await editor.focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" ");
  await eventually(async () => {
    const o = await offsets();
    assert.ok(o.scroll > 600, JSON.stringify(o));
    assert.equal(o.text, o.scroll);
    assert.equal(o.gutter, o.scroll);
  });
});
