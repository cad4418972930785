// Accessibility, checked the two ways a person would notice it:
// - with the keyboard alone: Tab reaches every control (the editor lets go after Escape),
//   each stop shows where focus is, and the walk comes back round (no trap);
// - with axe-core (the accessibility engine browsers' dev tools use): no WCAG 2.2 A/AA
//   violation in the states a learner sees: the first page, a decision held mid-animation
//   (filtered cards, ghost tasks), "why not here?", a failed placement, the time charts,
//   dark colours, a phone, Presentation and the embed.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { test } from "node:test";
import assert from "node:assert/strict";
import { eventually, holdMidAnimation, playgroundSuite } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const suite = playgroundSuite();

/** axe-core's WCAG violations on the page as it is now, one readable line per element. */
async function wcagViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.flatMap((v) => v.nodes.map((n) =>
      `${v.id} (${v.impact}) at ${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ").slice(0, 240)}`));
  }, WCAG_TAGS);
}

async function assertAccessible(page, state) {
  // Colours are read as painted: let colour transitions (a phase change, a switch to dark
  // colours) finish first. Cards out of view keep a placeholder height until drawn once
  // (content-visibility), so scroll through the page first; then from the top, so a
  // sticky bar covers nothing.
  await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    for (let y = 0; y < document.scrollingElement.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y);
      await frame();
    }
    window.scrollTo(0, 0);
    await frame();
    const transitions = document.getAnimations().filter((a) => a instanceof CSSTransition);
    await Promise.all(transitions.map((a) => a.finished.catch(() => {})));
  });
  const found = await wcagViolations(page);
  assert.deepEqual(found, [], `axe-core, ${state}`);
}

/** The focused element as the walk records it, and whether focus can be seen on it. */
function focusStop(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const drawn = (node) => {
      const cs = getComputedStyle(node);
      return (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== "none";
    };
    // A ring on the element, or on a close wrapper that draws it for :focus-within (the
    // editor's frame around its textarea).
    let visible = drawn(el);
    for (let a = el.parentElement, up = 0; !visible && a && up < 3; a = a.parentElement, up++) {
      visible = a.matches(":focus-within") && getComputedStyle(a).outlineStyle !== "none";
    }
    const name = (el.getAttribute("aria-label") || el.innerText || el.getAttribute("title") || el.id || "")
      .replace(/\s+/g, " ").trim().slice(0, 60);
    return { key: `${el.tagName.toLowerCase()}#${el.id}|${name}`, name, tag: el.tagName.toLowerCase(), visible };
  });
}

test("keyboard only: Tab reaches every control, focus always shows, and the walk comes round", async () => {
  const { page } = await suite.open();
  await page.getByRole("button", { name: "Run task" }).first().click();
  await holdMidAnimation(page);
  // Start from the top of the page, as after a fresh load.
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });

  const stops = [];
  let cameRound = false;
  for (let i = 0; i < 300 && !cameRound; i++) {
    // The editor keeps Tab for indenting; Escape, then Tab, leaves it (its hint says so).
    if (await page.evaluate(() => document.activeElement?.tagName === "TEXTAREA")) {
      await page.keyboard.press("Escape");
    }
    await page.keyboard.press("Tab");
    const stop = await focusStop(page);
    if (!stop) continue; // the browser's own UI between the end and the start of the page
    cameRound = stops.length > 0 && stop.key === stops[0].key;
    if (!cameRound) stops.push(stop);
  }
  assert.ok(cameRound, `Tab never came back to the first control: stuck at ${stops.at(-1)?.key}`);
  assert.ok(stops.length > 40, `only ${stops.length} stops: ${stops.map((s) => s.key).join(", ")}`);
  assert.deepEqual(stops.filter((s) => !s.visible).map((s) => s.key), [], "focus stops with no visible focus ring");

  const names = stops.map((s) => s.name);
  for (const control of ["Run task", "Add instance", "Share", "Undo", "Play", "Step", "Format", "Drain"]) {
    assert.ok(names.some((n) => n === control || n.endsWith(` ${control}`) || n.startsWith(`${control} `)),
      `"${control}" is not reached with Tab; the stops were: ${names.join(" · ")}`);
  }
  assert.ok(names.some((n) => n.startsWith("Why not here?")), "no \"Why not here?\" button reached");
  assert.ok(stops.some((s) => s.tag === "textarea"), "the task definition editor is not reached");
});

test("axe-core: the first page, a decision mid-animation (light and dark), why not here", async () => {
  const { page } = await suite.open();
  await assertAccessible(page, "first page");

  await page.getByRole("button", { name: "Run task" }).first().click();
  await holdMidAnimation(page);
  // Held at task 2: filtered cards are greyed out and task 3 is a ghost chip.
  await eventually(async () => assert.ok(await page.locator(".instance-card.mark-filtered, .chip.pending").count() > 0));
  await assertAccessible(page, "decision held at task 2, binpack");
  await page.emulateMedia({ colorScheme: "dark" });
  await assertAccessible(page, "decision held at task 2, dark colours");
  await page.emulateMedia({ colorScheme: "light" });

  await page.getByRole("button", { name: "Why not here? i-1" }).click();
  await page.getByRole("region", { name: /^Why not here\? i-1/ }).waitFor();
  await assertAccessible(page, "why not here? i-1");
});

test("axe-core: a task that cannot be placed, Presentation, and the embed", async () => {
  const { page } = await suite.open("?scenario=port-conflict");
  await page.getByRole("button", { name: "Run task" }).first().click();
  await eventually(async () => assert.match(await page.locator("main").innerText(), /RESOURCE:PORTS/));
  await page.emulateMedia({ reducedMotion: "reduce" });
  await assertAccessible(page, "port conflict, RESOURCE:PORTS");

  await page.getByRole("button", { name: "Presentation" }).click();
  await eventually(async () => assert.equal(
    await page.getByRole("button", { name: "Presentation" }).getAttribute("aria-pressed"), "true"));
  await assertAccessible(page, "presentation mode");

  await page.goto(`${suite.server.url}?embed=1&scenario=dynamic-ports-alb`, { waitUntil: "load" });
  await page.getByRole("button", { name: "Run task" }).first().waitFor();
  await assertAccessible(page, "embed, dynamic ports behind an ALB");
});

test("axe-core: the time section playing the daily wave, and a phone", async () => {
  const { page } = await suite.open("?scenario=daily-wave");
  const step = page.getByRole("button", { name: "Step time" });
  for (let i = 0; i < 3; i++) await step.click();
  await eventually(async () => assert.ok(await page.locator("canvas").count() > 0));
  await assertAccessible(page, "daily wave, three minutes in");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(suite.server.url, { waitUntil: "load" });
  await page.getByRole("tab", { name: "Cluster" }).waitFor();
  await assertAccessible(page, "phone 390x844, first screen");
  await page.getByRole("tab", { name: "Definition" }).click();
  await assertAccessible(page, "phone 390x844, Definition tab");
});
