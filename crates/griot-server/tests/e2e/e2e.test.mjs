// Browser end-to-end tests of `griot serve` with the demo data (and one hostile article),
// in Debian's Chromium driven by playwright-core. Run by run.sh, which starts the server.
// GRIOT_URL: the server; CHROMIUM: the browser; SHOTS: where screenshots go.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const URL_ = process.env.GRIOT_URL;
const SHOTS = process.env.SHOTS;
let browser, page;
const errors = [];

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  // offline: any request that is not to this server is a failure
  await page.route("**/*", (route) => (route.request().url().startsWith(URL_) ? route.continue() : (errors.push("outside request " + route.request().url()), route.abort())));
});

after(async () => {
  await browser?.close();
  assert.deepEqual(errors, [], "no script error, no request outside the server");
});

async function open(path) {
  await page.goto(URL_ + path);
  await ready();
}

async function ready() {
  await page.waitForSelector('body[data-ready="true"]');
}

const api = async (path) => (await fetch(URL_ + "/api/v1" + path)).json();

test("the map shows the demo events", async () => {
  await open("/?view=map");
  const located = (await api("/places")).places.reduce((n, p) => n + p.count, 0);
  assert.ok(located > 0, "the demo has located events");
  const counts = await page.$$eval("circle.cluster", (cs) => cs.map((c) => Number(c.dataset.count)));
  assert.ok(counts.length >= 1, "dots on the map");
  assert.equal(counts.reduce((a, b) => a + b, 0), located, "every located event is in a dot");
  assert.ok((await page.$$("path.country")).length > 100, "country outlines drawn");
  await page.screenshot({ path: SHOTS + "/map.png" });
  await page.click("circle.cluster");
  await page.waitForSelector("#map-events table.events tbody tr");
});

test("a filter narrows the table and the URL", async () => {
  await open("/?view=events");
  const all = await page.$$eval("table.events tbody tr", (rs) => rs.length);
  await page.fill('#filters input[name="actor"]', "USA");
  await page.click("#apply");
  await page.waitForURL(/actor=USA/);
  await ready();
  const cells = await page.$$eval("table.events tbody tr td:nth-child(3)", (ts) => ts.map((t) => t.textContent));
  assert.ok(cells.length > 0 && cells.length < all, `${cells.length} of ${all} rows`);
  assert.ok(cells.every((c) => c.startsWith("USA")), cells.join(" | "));
  const total = (await api("/counts?actor=USA")).total;
  assert.match(await page.textContent("#event-total"), new RegExp("^" + total + " event"));
  await page.screenshot({ path: SHOTS + "/events.png", fullPage: true });
  // the URL is the state: reloading keeps the filter
  await page.reload();
  await ready();
  assert.equal(await page.inputValue('#filters input[name="actor"]'), "USA");
});

test("clicking an event opens its article with the trigger highlighted", async () => {
  await open("/?view=events&type=SANCTION");
  const trigger = (await page.textContent("table.events tbody tr td:nth-child(7)")).replace(/[“”]/g, "");
  await page.click("table.events tbody tr");
  await page.waitForURL(/view=article/);
  await ready();
  const sel = await page.waitForSelector(".ann-trigger.selected");
  assert.equal(await sel.textContent(), trigger);
  assert.ok(await sel.isVisible());
  for (const layer of [".ann-mention", ".ann-time", ".ann-trigger"]) assert.ok((await page.$$(layer)).length > 0, layer);
  await page.screenshot({ path: SHOTS + "/article.png" });
});

test("a story page lists its articles and merged events", async () => {
  await open("/?view=stories");
  await page.screenshot({ path: SHOTS + "/stories.png" });
  await page.click("table.stories tbody tr");
  await page.waitForURL(/view=story/);
  await ready();
  assert.ok((await page.$$("#story-articles li")).length >= 1);
  assert.ok((await page.$$("#story-events .story-event")).length >= 1);
  assert.match(await page.textContent("#story-events"), /mention/);
  await page.screenshot({ path: SHOTS + "/story.png", fullPage: true });
});

test("the timeline brushes a date range into the URL", async () => {
  await open("/?view=timeline");
  const bars = await page.$$("#timeline-chart g.bar");
  assert.ok(bars.length >= 2);
  await page.screenshot({ path: SHOTS + "/timeline.png" });
  const a = await bars[0].boundingBox(), b = await bars[1].boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height - 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height - 2);
  await page.mouse.up();
  await page.waitForURL(/since=\d{4}-\d{2}-\d{2}.*until=\d{4}-\d{2}-\d{2}/);
  await ready();
});

test("the network shows actors and directed edges", async () => {
  await open("/?view=network");
  assert.ok((await page.$$("#network-chart g.node")).length >= 2);
  assert.ok((await page.$$("#network-chart path.edge")).length >= 1);
  await page.screenshot({ path: SHOTS + "/network.png" });
  await page.click('#network-chart g.node[data-code="NER"] circle');
  await page.waitForURL(/view=events.*actor=NER/);
});

test("a hostile article is shown as text and runs nothing", async () => {
  const found = await api("/articles?text=ambassador+interference");
  const hostile = found.articles.find((a) => (a.title || "").includes("<script>"));
  assert.ok(hostile, "the hostile article is stored");
  await open("/?view=article&id=" + encodeURIComponent(hostile.id));
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "no injected script or handler ran");
  assert.equal(await page.evaluate(() => document.querySelectorAll("script").length), 1, "only the page's own script");
  assert.equal(await page.evaluate(() => document.querySelectorAll("main img, main b").length), 0, "no injected element");
  assert.match(await page.textContent("main h2"), /<script>window.__pwned=1<\/script>/);
  assert.match(await page.textContent("#article-text"), /<script>window.__pwned=3<\/script>/);
  await page.screenshot({ path: SHOTS + "/hostile.png" });
  // and in the events table
  await open("/?view=events&article=" + encodeURIComponent(hostile.id));
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});
