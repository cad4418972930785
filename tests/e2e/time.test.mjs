// Time: open the daily-wave lesson, press Play time at 1 hour per second, and watch the
// charts redraw (canvas pixels change) and the service's desired count rise with the
// morning traffic and fall again at night. Screenshots at 1280x800 and 390x844.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  assertNoProblems,
  eventually,
  freshPage,
  launchBrowser,
  screenshot,
  startServer,
} from "./helpers.mjs";

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

const chartPixels = (page, key) =>
  page.evaluate((k) => document.querySelector(`figure[data-chart="${k}"] canvas`)?.toDataURL() ?? "", key);

const desiredCount = (page) =>
  page.evaluate(() => {
    const label = document.querySelector(".service-counts")?.getAttribute("aria-label") ?? "";
    const m = label.match(/desired (\d+)/);
    return m ? Number(m[1]) : NaN;
  });

const clockText = (page) => page.evaluate(() => document.querySelector("output.clock")?.textContent ?? "");

test("the daily wave plays: charts redraw, desired count rises and falls", async () => {
  const { page, problems } = await freshPage(browser.context, server.url, "?scenario=daily-wave");
  await page.getByRole("heading", { name: /A daily traffic wave with target tracking/ }).waitFor();

  // The controls, by their accessible names.
  const play = page.getByRole("button", { name: "Play time" });
  await play.waitFor();
  await page.getByRole("button", { name: "Step time" }).waitFor();
  const speed = page.getByLabel("Time speed");
  assert.equal(await clockText(page), "Day 1 · 00:00:00");
  assert.equal(await desiredCount(page), 2);
  for (const key of ["tasks", "metric", "instances", "cost"]) {
    assert.ok(await page.$(`figure[data-chart="${key}"] canvas`), `chart ${key}`);
  }
  // A text alternative states the latest values.
  assert.match(await page.textContent('figure[data-chart="tasks"] .chart-caption'), /desired 2, running 0, pending 2/);

  // Step: one minute, with the keyboard.
  await page.getByRole("button", { name: "Step time" }).focus();
  await page.keyboard.press("Enter");
  await eventually(async () => assert.equal(await clockText(page), "Day 1 · 00:01:00"));

  const before = await chartPixels(page, "tasks");
  await speed.selectOption("3600");
  await play.click();
  await page.getByRole("button", { name: "Pause time" }).waitFor();
  await page.waitForTimeout(1500);
  await eventually(async () => assert.notEqual(await chartPixels(page, "tasks"), before, "the tasks chart redrew"), { timeout: 10000 });
  const metricBefore = await chartPixels(page, "metric");
  await page.waitForTimeout(1000);
  assert.notEqual(await chartPixels(page, "metric"), metricBefore, "the metric chart keeps changing");

  // Morning traffic: target tracking scales out.
  let peak = 0;
  await eventually(async () => {
    peak = Math.max(peak, await desiredCount(page));
    assert.ok(peak >= 8, `desired count rose to ${peak}`);
  }, { timeout: 30000, interval: 200 });
  await screenshot(page, "time-1280x800", { fullPage: false });
  await screenshot(page, "time-1280x800-full");

  // Evening: it scales back in.
  await eventually(async () => {
    const now = await desiredCount(page);
    peak = Math.max(peak, now);
    assert.ok(now <= peak - 3, `desired count fell from ${peak} to ${now}`);
  }, { timeout: 45000, interval: 250 });

  await page.getByRole("button", { name: "Pause time" }).click();
  await page.getByRole("button", { name: "Play time" }).waitFor();
  const paused = await clockText(page);
  await page.waitForTimeout(700);
  assert.equal(await clockText(page), paused, "the clock stopped");

  // The timeline explains the scaling in ECS's words.
  const timeline = await page.textContent(".timeline-log");
  assert.match(timeline, /has started \d+ tasks/);
  assert.match(timeline, /Setting desired count to \d+\./);
  const activities = await page.textContent(".scaling-editor .activities");
  assert.match(activities, /target 50/);

  // The document kept the time as one AdvanceTime: a reload shows the same clock.
  await page.waitForTimeout(300);
  await page.reload({ waitUntil: "load" });
  await eventually(async () => assert.equal(await clockText(page), paused), { timeout: 20000 });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await screenshot(page, "time-390x844", { fullPage: false });
  await page.locator('figure[data-chart="tasks"]').scrollIntoViewIfNeeded();
  await page.waitForTimeout(200);
  await screenshot(page, "time-390x844-charts", { fullPage: false });
  await screenshot(page, "time-390x844-full");
  assertNoProblems(problems, "daily wave");
  await page.close();
});

test("every time lesson opens by ?scenario= and plays without an error", async () => {
  for (const name of ["spike-step", "scale-from-zero", "fargate-spot", "az-outage"]) {
    const { page, problems } = await freshPage(browser.context, server.url, `?scenario=${name}`);
    await page.getByRole("button", { name: "Play time" }).waitFor();
    await page.getByLabel("Time speed").selectOption("900");
    await page.getByRole("button", { name: "Play time" }).click();
    await eventually(async () => assert.match(await clockText(page), /Day 1 · 0[1-9]:/), { timeout: 20000, interval: 200 });
    await page.getByRole("button", { name: "Pause time" }).click();
    if (name === "az-outage") {
      await page.getByRole("button", { name: "Fail zone us-east-1a" }).click();
      await page.getByRole("button", { name: "Restore us-east-1a" }).waitFor();
      await page.getByRole("button", { name: "Step time" }).click();
      await page.getByRole("button", { name: "Step time" }).click();
      await eventually(async () => assert.match(await page.textContent(".timeline-log"), /us-east-1a|has started/));
    }
    if (name === "fargate-spot") {
      await page.getByRole("button", { name: "Interrupt a Spot task" }).click();
    }
    await screenshot(page, `time-${name}`, { fullPage: false });
    assertNoProblems(problems, name);
    await page.close();
  }
});
