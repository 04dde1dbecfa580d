// The review console in headless Chromium, driven by playwright-core: log in, review the demo
// outlet's three flagged items with the keyboard only (console.js), undo the last decision,
// then check the store with the command line. Run by scripts/browser-test (node --test).
//
// Everything happens in a temporary folder of its own: the fixture server
// (build/tests/support/fixture-server) serves tests/fixtures/site on a free port, a pass
// (`ingest --once`) makes the store the way scripts/demo does, and `ingest serve --listen
// 127.0.0.1:0` serves the console. Child processes and the folder are removed even on failure.
//
// Environment:
//   INGEST_BUILD         the build folder (default: build/ at the top of the repository)
//   CHROMIUM             the browser (default /usr/bin/chromium, Debian's package)
//   INGEST_SCREENSHOTS=1 write docs/images/console-{queue,item,keys}.png (otherwise the
//                        screenshots go to the temporary folder, so CI never rewrites them)
//   INGEST_KEEP_TMP=1    keep the temporary folder (its path is printed), for a post-mortem
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const build = path.resolve(repo, process.env.INGEST_BUILD || "build");
const ingestBinary = path.join(build, "ingest/ingest");
const fixtureServerBinary = path.join(build, "tests/support/fixture-server");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const site = path.join(repo, "tests/fixtures/site");
const startTimeout = 20_000; // for a child's "ready" line; they print it within milliseconds

const users = {
  ana: { password: "ana-reviews-2026", role: "reviewer" },
  root: { password: "root-admin-2026", role: "admin" },
};

// Every child process started here, so that cleanup (and an exit on failure) can end them.
const children = new Set();
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

// Starts a long-running program and resolves with the first stdout line that matches
// `ready` (its match), once it printed it. Rejects if the program exits or says nothing
// matching within startTimeout. Its output is kept in `log` for failure messages.
function startProgram(command, args, ready, options = {}) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
  children.add(child);
  const log = [];
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => log.push(chunk));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  exited.then(() => children.delete(child));
  const matched = new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    let found = false;
    lines.on("line", (line) => {
      log.push(line + "\n");
      const match = !found && line.match(ready);
      if (match) {
        found = true;
        resolve(match);
      }
    });
    const name = path.basename(command);
    const timer = setTimeout(
      () => reject(new Error(`${name} printed no ${ready} in ${startTimeout} ms:\n${log.join("")}`)),
      startTimeout);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      if (!found) reject(new Error(`${name} exited (${code ?? signal}) before ${ready}:\n${log.join("")}`));
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return { child, log, exited, matched };
}

async function stopProgram(program) {
  if (!program || program.child.exitCode !== null || program.child.signalCode !== null) return;
  program.child.kill("SIGTERM");
  const timer = setTimeout(() => program.child.kill("SIGKILL"), 5_000);
  await program.exited;
  clearTimeout(timer);
}

// Runs `ingest ARGS --config CONFIG` to completion and resolves with its stdout; fails the
// test on a non-zero exit. Asynchronous, so the other children's pipes keep being read.
function ingest(config, args, input = "") {
  return new Promise((resolve, reject) => {
    const child = spawn(ingestBinary, [...args, "--config", config], { stdio: ["pipe", "pipe", "pipe"] });
    children.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => { stdout += chunk; });
    child.stderr.setEncoding("utf8").on("data", (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolve(stdout);
      else reject(new Error(`ingest ${args.join(" ")} exited ${code ?? signal}:\n${stdout}${stderr}`));
    });
    child.stdin.end(input);
  });
}
const ingestJson = async (config, args) => JSON.parse(await ingest(config, [...args, "--json"]));

// The demo's config (scripts/demo): the fixture site's outlets one page at a time (so the
// items get their ids in feed order), plus Prensa Latina, whose articles the corpus lacks.
function writeConfig(dir, origin) {
  const toml = (text) => JSON.stringify(text); // a TOML basic string for a plain path
  const outlets = readFileSync(path.join(site, "feeds.toml.in"), "utf8")
    .replaceAll("{{origin}}", origin)
    .replace(/^min_delay = "0s"$/m, 'min_delay = "0s"\nmax_per_host = 1');
  const config = path.join(dir, "feeds.toml");
  writeFileSync(config,
    `[store]\ndatabase = ${toml(path.join(dir, "ingest.db"))}\ncorpus = ${toml(path.join(dir, "corpus"))}\n\n` +
    outlets +
    `\n[[outlet]]\nname = "Prensa Latina"\nfeeds = ["${origin}/prensalatina/feed.xml"]\nlanguage = "en"\n`);
  return config;
}

test("review console: log in, review three items with the keyboard, undo", { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), "ingest-browser-"));
  let fixtureServer;
  let console_;
  let browser;
  t.after(async () => {
    await browser?.close().catch(() => {});
    await stopProgram(console_);
    await stopProgram(fixtureServer);
    if (process.env.INGEST_KEEP_TMP === "1") t.diagnostic(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });

  // The store: the fixture site fetched once, the seeds registered as the corpus.
  fixtureServer = startProgram(fixtureServerBinary, ["--root", site, "--port", "0"], /^listening (\S+)$/);
  const [, origin] = await fixtureServer.matched;
  const config = writeConfig(dir, origin);
  mkdirSync(path.join(dir, "corpus"));
  const seeds = path.join(repo, "tests/data/seeds");
  for (const name of readdirSync(seeds).filter((n) => n.endsWith(".txt")))
    cpSync(path.join(seeds, name), path.join(dir, "corpus", name));
  await ingest(config, ["import-corpus", path.join(dir, "corpus")]);
  await ingest(config, ["--once"]);
  await stopProgram(fixtureServer); // the console never fetches from the site

  // The queue as the command line sees it, newest arrival first, as the console lists it.
  const flagged = await ingestJson(config, ["queue"]);
  assert.equal(flagged.length, 3, `the demo outlet gives 3 flagged items: ${JSON.stringify(flagged)}`);
  assert.ok(flagged.every((item) => item.outlet === "Prensa Latina"));
  const ids = flagged.map((item) => String(item.id));

  for (const [name, { password, role }] of Object.entries(users))
    await ingest(config, ["user", "add", name, "--role", role, "--password-stdin"], password + "\n");

  console_ = startProgram(ingestBinary, ["serve", "--config", config, "--listen", "127.0.0.1:0"],
    /^review console on (http:\/\/\S+?)\/?$/);
  const [, base] = await console_.matched;

  const shots = process.env.INGEST_SCREENSHOTS === "1" ? path.join(repo, "docs/images") : path.join(dir, "screenshots");
  mkdirSync(shots, { recursive: true });

  browser = await chromium.launch({
    executablePath: chromiumPath,
    // As root Chromium needs --no-sandbox; the others keep it off the (closed) network.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);

  // Anything the page reports as wrong: console errors (CSP refusals among them), uncaught
  // exceptions, and CSP violations seen by a listener installed before any page script.
  const pathOf = (url) => new URL(url).pathname;
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "warning") t.diagnostic(`console warning at ${page.url()}: ${message.text()}`);
    if (message.type() !== "error") return;
    const where = message.location().url;
    problems.push(`console error at ${page.url()}: ${message.text()}${where ? ` (${where})` : ""}`);
  });
  page.on("pageerror", (error) => problems.push(`page error at ${page.url()}: ${error.message}`));
  await page.exposeFunction("reportCspViolation", (text) => problems.push(`CSP violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      window.reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI} in ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });

  const rowIds = () => page.locator("tr.row").evaluateAll((rows) => rows.map((row) => row.dataset.id));
  const pageKind = () => page.locator("body").getAttribute("data-page");
  // Presses a key that makes the page navigate and waits for the new page to load.
  async function pressAndLand(key, expectedPath) {
    await Promise.all([
      page.waitForURL((url) => url.pathname === expectedPath, { waitUntil: "load" }),
      page.keyboard.press(key),
    ]);
  }

  // Log in: the console sends an anonymous visitor to /login, and back to / after.
  await page.goto(base + "/");
  assert.equal(pathOf(page.url()), "/login");
  await page.locator('input[name="username"]').fill("ana");
  await page.locator('input[name="password"]').fill(users.ana.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/", { waitUntil: "load" }),
    page.locator('input[name="password"]').press("Enter"),
  ]);
  assert.equal(await pageKind(), "queue");
  assert.deepEqual(await rowIds(), ids, "the console lists the same three items, newest first");
  await page.locator(".who", { hasText: "ana · reviewer" }).waitFor();
  // console.js marks the first row current on load.
  assert.equal(await page.locator("tr.row.current").getAttribute("data-id"), ids[0]);
  await page.screenshot({ path: path.join(shots, "console-queue.png") });

  // j/k move the current row (and stop at the ends); ? shows the key list, Esc hides it.
  await page.keyboard.press("j");
  assert.equal(await page.locator("tr.row.current").getAttribute("data-id"), ids[1]);
  await page.keyboard.press("k");
  await page.keyboard.press("k");
  assert.equal(await page.locator("tr.row.current").getAttribute("data-id"), ids[0]);
  await page.keyboard.press("?");
  await page.locator("#keys").waitFor({ state: "visible" });
  await page.screenshot({ path: path.join(shots, "console-keys.png") });
  await page.keyboard.press("Escape");
  await page.locator("#keys").waitFor({ state: "hidden" });

  // Enter opens the current row.
  await pressAndLand("Enter", `/items/${ids[0]}`);
  assert.equal(await pageKind(), "item");
  assert.equal(await page.locator("article.item").getAttribute("data-id"), ids[0]);
  assert.equal(await page.locator("dd.state").textContent(), "flagged");
  await page.screenshot({ path: path.join(shots, "console-item.png"), fullPage: true });
  // On an item page j/k go to the next/previous item of the listing.
  await pressAndLand("j", `/items/${ids[1]}`);
  await pressAndLand("k", `/items/${ids[0]}`);

  // n focuses the note; keys typed there are text, not commands; Esc leaves the field.
  const note = "signed by both governments: a state agreement";
  await page.keyboard.press("n");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "note");
  await page.keyboard.type(note);
  assert.equal(await page.locator("#note").inputValue(), note);
  assert.equal(pathOf(page.url()), `/items/${ids[0]}`, "typing a note decides nothing");
  await page.keyboard.press("Escape");
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), "note");

  // a approves and opens the next item, r rejects it, a approves the last: back at the queue.
  await pressAndLand("a", `/items/${ids[1]}`);
  assert.equal(await page.locator("dd.state").textContent(), "flagged");
  await pressAndLand("r", `/items/${ids[2]}`);
  assert.equal(await page.locator("dd.state").textContent(), "flagged");
  await pressAndLand("a", "/");
  assert.equal(await pageKind(), "queue");
  assert.deepEqual(await rowIds(), [], "nothing left to review");
  await page.locator("p.empty").first().waitFor();
  // The side list shows the three decisions, the last first.
  const recent = page.locator("aside.recent ol.decisions li");
  assert.equal(await recent.count(), 3);
  assert.match(await recent.first().textContent(), /approved/);
  assert.equal(await recent.first().locator("a").getAttribute("href").then((href) => pathOf(base + href)), `/items/${ids[2]}`);

  // u undoes the last decision (the first undo form, in "Your last decisions"): the item page
  // opens with the item flagged again, and the queue lists it.
  await pressAndLand("u", `/items/${ids[2]}`);
  assert.equal(await page.locator("dd.state").textContent(), "flagged");
  await page.locator("#decide").waitFor();
  await page.goto(base + "/");
  assert.deepEqual(await rowIds(), [ids[2]], "the undone item is back in the queue");

  assert.deepEqual(problems, [], "no console error, page error, CSP violation or failed request");
  await browser.close();
  browser = undefined;

  // The store, through the command line: one approved, one rejected, one flagged again, and
  // every decision by ana, with who undid it, in `show --json` and in `history --json`.
  const idsIn = async (state) => (await ingestJson(config, ["queue", "--state", state])).map((item) => String(item.id));
  assert.deepEqual(await idsIn("approved"), [ids[0]]);
  assert.deepEqual(await idsIn("rejected"), [ids[1]]);
  assert.deepEqual(await idsIn("flagged"), [ids[2]]);
  const decisionsOf = async (id) => (await ingestJson(config, ["show", id])).decisions
    .map(({ decision, user, note, undone_by }) => ({ decision, user, note, undone_by }));
  assert.deepEqual(await decisionsOf(ids[0]), [{ decision: "approved", user: "ana", note, undone_by: null }]);
  assert.deepEqual(await decisionsOf(ids[1]), [{ decision: "rejected", user: "ana", note: null, undone_by: null }]);
  assert.deepEqual(await decisionsOf(ids[2]), [{ decision: "approved", user: "ana", note: null, undone_by: "ana" }]);
  const decisionEvents = async (id) => (await ingestJson(config, ["history", id])).events
    .filter((e) => e.event === "approved" || e.event === "rejected")
    .map(({ event, user, undone_by }) => ({ event, user, undone_by }));
  assert.deepEqual(await decisionEvents(ids[0]), [{ event: "approved", user: "ana", undone_by: null }]);
  assert.deepEqual(await decisionEvents(ids[1]), [{ event: "rejected", user: "ana", undone_by: null }]);
  assert.deepEqual(await decisionEvents(ids[2]), [{ event: "approved", user: "ana", undone_by: "ana" }]);
  assert.deepEqual((await ingestJson(config, ["user", "list"])).map(({ name, role }) => ({ name, role })),
    [{ name: "ana", role: "reviewer" }, { name: "root", role: "admin" }]);
});
