// Browser and accessibility tests for Relais.
//
//   node tests/browser/run.mjs target/debug/relais [scenario numbers…]
//
// With scenario numbers (e.g. `7 9`), runs only those scenarios (each one
// stands alone); the full list is the default and what CI runs.
//
// Starts `relais demo` on a free loopback port with a throw-away data
// directory, drives Debian's headless Chromium through playwright-core, and
// runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every page visited.
// Any axe violation fails the run. Screenshots of every checked page go to
// tests/browser/artifacts/ (gitignored).
//
// Pages run under their real Content-Security-Policy: a CSP violation or an
// uncaught script error fails the page. Requests to other origins (the map
// tiles) are aborted, so runs never depend on the network and the maps are
// always checked in their "tiles cannot load" state.
//
// The last line printed is always `N passed, M failed` (scenario counts).

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ARTIFACTS = path.join(HERE, 'artifacts');

const CHROMIUM = process.env.RELAIS_CHROMIUM || '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const MOBILE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
// Angoulême town hall, for the "Autour de moi" button.
const ANGOULEME = { latitude: 45.6484, longitude: 0.1563 };
const SERVER_START_TIMEOUT_MS = 60_000;
const ACTION_TIMEOUT_MS = 15_000;
const NAVIGATION_TIMEOUT_MS = 30_000;
const WHOLE_RUN_TIMEOUT_MS = 10 * 60_000;

const DEMO_PASSWORD = 'relais-demo-2026';
const ACCOUNTS = {
  coordinator: 'coordination@demo.relais.test',
  manager: 'responsable@demo.relais.test',
  professional: 'encadrant@demo.relais.test',
  volunteer: 'benevole@demo.relais.test',
};
const INVITED_EMAIL = 'nouvelle.benevole@demo.relais.test';
const INVITED_NAME = 'Nouvelle Bénévole';
const INVITED_PASSWORD = 'une-phrase-de-passe-longue';
const INVITED_NEW_PASSWORD = 'encore-une-phrase-longue';

// ---------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------

class TestFailure extends Error {}

function fail(message) {
  throw new TestFailure(message);
}

function log(message) {
  process.stdout.write(`${message}\n`);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function slug(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

// ---------------------------------------------------------------------------
// The server under test
// ---------------------------------------------------------------------------

const ADDRESS_RE = /https?:\/\/127\.0\.0\.1:\d+\/?/;

class Server {
  constructor(binary) {
    this.binary = binary;
    this.output = [];
    this.child = null;
    this.baseUrl = null;
    this.exited = false;
    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-browser-'));
  }

  tail(lines = 40) {
    return this.output.slice(-lines).join('\n');
  }

  async start() {
    const args = ['demo', '--listen', '127.0.0.1:0', '--data-dir', this.dataDir];
    log(`Starting ${this.binary} ${args.join(' ')}`);
    this.child = spawn(this.binary, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });

    const address = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the server printed no http://127.0.0.1:PORT address within ${SERVER_START_TIMEOUT_MS / 1000} s`)),
        SERVER_START_TIMEOUT_MS,
      );
      const onLines = (stream, name) => {
        let pending = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk) => {
          pending += chunk;
          const lines = pending.split('\n');
          pending = lines.pop();
          for (const line of lines) {
            this.output.push(`[${name}] ${line}`);
            if (this.output.length > 500) this.output.shift();
            if (name === 'stdout' && !this.baseUrl) {
              const m = line.match(ADDRESS_RE);
              if (m) {
                clearTimeout(timer);
                resolve(m[0].replace(/\/$/, ''));
              }
            }
          }
        });
      };
      onLines(this.child.stdout, 'stdout');
      onLines(this.child.stderr, 'stderr');
      this.child.on('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`cannot start ${this.binary}: ${err.message}`));
      });
      this.child.on('exit', (code, signal) => {
        this.exited = true;
        clearTimeout(timer);
        reject(new Error(`the server exited early (code ${code}, signal ${signal})`));
      });
    });

    this.baseUrl = await address;
    log(`Server address: ${this.baseUrl}`);

    const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (this.exited) throw new Error('the server exited while waiting for /healthz');
      try {
        const res = await fetch(`${this.baseUrl}/healthz`, { redirect: 'manual' });
        if (res.status === 200) return;
        last = `HTTP ${res.status}`;
      } catch (err) {
        last = err.message;
      }
      await sleep(200);
    }
    throw new Error(`GET /healthz did not answer 200 within ${SERVER_START_TIMEOUT_MS / 1000} s (last: ${last})`);
  }

  async stop() {
    const child = this.child;
    if (child && !this.exited && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await Promise.race([exited, sleep(2000)]);
      }
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  stopNow() {
    // Synchronous best effort, for signal handlers.
    try {
      if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
    } catch {
      /* ignore */
    }
    try {
      fs.rmSync(this.dataDir, { recursive: true, force: true });
    } catch {
      /* ignore */
    }
  }
}

// ---------------------------------------------------------------------------
// Page checks
// ---------------------------------------------------------------------------

let screenshotCounter = 0;
const badResponses = new WeakMap();
const scriptProblems = new WeakMap();
const foreignRequests = new WeakMap();

// Watches the sub-resources (stylesheets, scripts, images, fonts) of the
// server's own origin loaded by the current document: an error or a redirect
// (e.g. to the login page) is reported by the next checkPage(), as are CSP
// violations and uncaught script errors. Requests to other origins are
// aborted and counted per page.
async function watchPage(page, baseUrl) {
  badResponses.set(page, []);
  scriptProblems.set(page, []);
  foreignRequests.set(page, []);
  const origin = new URL(baseUrl).origin;
  await page.route(
    (u) => u.origin !== origin,
    (route) => {
      foreignRequests.get(page).push(route.request().url());
      return route.abort('internetdisconnected');
    },
  );
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      scriptProblems.get(page).push(`CSP violation: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => scriptProblems.get(page).push(`script error: ${error.message}`));
  const relevant = (req) => {
    if (req.isNavigationRequest()) return null;
    const u = new URL(req.url());
    return u.origin === origin && u.pathname !== '/favicon.ico' ? u.pathname : null;
  };
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) {
      badResponses.set(page, []);
      foreignRequests.set(page, []);
    }
  });
  page.on('response', (res) => {
    const p = relevant(res.request());
    const status = res.status();
    // A script's own request (fetch) may be answered by a redirect it follows on purpose.
    const followed = ['fetch', 'xhr'].includes(res.request().resourceType());
    if (p && (status >= 400 || (status >= 300 && status !== 304 && !followed))) {
      badResponses.get(page).push(`${p} (HTTP ${status})`);
    }
  });
  page.on('requestfailed', (req) => {
    const p = relevant(req);
    if (!p) return;
    const list = badResponses.get(page);
    if (!list.some((entry) => entry.startsWith(`${p} (`))) list.push(`${p} (${req.failure()?.errorText})`);
  });
}

// axe-core is evaluated through the DevTools protocol, which the page's CSP does not
// govern, and adds no <script> element to the page.
async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(
    async (tags) =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
}

// axe needs JavaScript (its timers never fire in a context without it). It checks the
// same address in a twin page, with the same cookies, whose own scripts are all refused:
// the document a browser without JavaScript shows.
async function runAxeWithoutScripts(page) {
  const context = await page.context().browser().newContext({
    viewport: page.viewportSize(),
    locale: 'fr-FR',
    storageState: await page.context().storageState(),
  });
  try {
    const twin = await context.newPage();
    await twin.route('**/*', (route) =>
      route.request().resourceType() === 'script' ? route.abort() : route.continue(),
    );
    await twin.goto(page.url(), { waitUntil: 'load' });
    return await runAxe(twin);
  } finally {
    await context.close();
  }
}

/**
 * Checks the page currently shown: axe-core WCAG A/AA rules, lang="fr",
 * no horizontal scroll, skip link, main landmark, scripts only from our own
 * /static/ files (no inline or third-party script: the pages work without
 * JavaScript, scripts only enhance them), missing sub-resources, CSP
 * violations and script errors. Failures are appended to `ctx.failures`; a
 * screenshot is saved.
 */
async function checkPage(ctx, page, label, { loggedIn = false } = {}) {
  const where = `${label} (${new URL(page.url()).pathname}, ${page.viewportSize().width}px)`;
  const problems = [];
  await page.waitForLoadState('load');

  const facts = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    skipLink: !!document.querySelector('a[href="#contenu"]'),
    main: !!document.querySelector('main#contenu'),
    badScripts: Array.from(document.querySelectorAll('script'))
      .filter((el) => !/^\/static\/[^/]/.test(el.getAttribute('src') || ''))
      .map((el) => (el.getAttribute('src') ? `src="${el.getAttribute('src')}"` : 'inline')),
    logout: !!document.querySelector('form[action="/deconnexion"] button[type=submit]'),
  }));
  if (facts.lang !== 'fr') problems.push(`<html lang> is "${facts.lang}", expected "fr"`);
  if (facts.scrollWidth > facts.innerWidth + 1) {
    problems.push(`horizontal scroll: document is ${facts.scrollWidth}px wide in a ${facts.innerWidth}px viewport`);
  }
  if (!facts.skipLink) problems.push('no skip link a[href="#contenu"]');
  if (!facts.main) problems.push('no main#contenu');
  if (facts.badScripts.length > 0) {
    problems.push(`<script> not from /static/ (${facts.badScripts.join(', ')}): only our own script files may enhance a page`);
  }
  if (loggedIn && !facts.logout) {
    problems.push('logged in but no logout button form[action="/deconnexion"] button[type=submit]');
  }
  const missing = badResponses.get(page) ?? [];
  if (missing.length) problems.push(`sub-resources not loaded: ${missing.join(', ')}`);
  badResponses.set(page, []);
  problems.push(...(scriptProblems.get(page) ?? []));
  scriptProblems.set(page, []);

  for (const p of problems) ctx.failures.push(`${where}: ${p}`);

  const results = ctx.javaScriptEnabled ? await runAxe(page) : await runAxeWithoutScripts(page);
  for (const v of results.violations) {
    const targets = v.nodes.map((n) => n.target.join(' ')).slice(0, 10);
    const more = v.nodes.length > 10 ? ` (+${v.nodes.length - 10} more)` : '';
    ctx.failures.push(
      `${where}: axe ${v.id} [${v.impact}] ${v.help}\n      targets: ${targets.join(' | ')}${more}\n      ${v.helpUrl}`,
    );
    const summary = v.nodes[0]?.failureSummary;
    if (summary) ctx.failures.push(`${where}: axe ${v.id} first node: ${summary.replace(/\n/g, ' / ')}`);
  }

  screenshotCounter += 1;
  const file = path.join(ARTIFACTS, `${String(screenshotCounter).padStart(2, '0')}-${slug(label)}-${page.viewportSize().width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  ctx.checked += 1;
}

// ---------------------------------------------------------------------------
// Navigation helpers
// ---------------------------------------------------------------------------

function url(server, p) {
  return new URL(p, `${server.baseUrl}/`).toString();
}

function pathOf(page) {
  return new URL(page.url()).pathname;
}

async function visit(page, server, p, { expectPath = p, expectStatus = 200 } = {}) {
  const res = await page.goto(url(server, p), { waitUntil: 'load' });
  if (!res) fail(`GET ${p}: no response`);
  if (expectStatus !== null && res.status() !== expectStatus) {
    fail(`GET ${p}: HTTP ${res.status()}, expected ${expectStatus}`);
  }
  if (expectPath !== null && pathOf(page) !== expectPath) {
    fail(`GET ${p}: ended on ${pathOf(page)}, expected ${expectPath}`);
  }
  return res;
}

const SUBMIT = ':is(button[type=submit], button:not([type]), input[type=submit])';

// Clicks a submit button and waits for the resulting page load.
async function submit(page, buttonLocator) {
  const count = await buttonLocator.count();
  if (count !== 1) fail(`expected exactly one submit button, found ${count}`);
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    buttonLocator.click(),
  ]);
  return res;
}

function formWith(page, selector) {
  return page.locator('form', { has: page.locator(selector) });
}

async function mustExist(page, selector, what) {
  const n = await page.locator(selector).count();
  if (n === 0) fail(`${what}: no element matches ${selector} on ${pathOf(page)}`);
}

async function login(page, server, email, password) {
  await visit(page, server, '/connexion');
  const form = formWith(page, 'input[name=password]');
  await form.locator('input[name=email]').fill(email);
  await form.locator('input[name=password]').fill(password);
  await submit(page, form.locator('button[type=submit]'));
}

async function loginOk(page, server, email, password) {
  await login(page, server, email, password);
  if (pathOf(page) !== '/compte') {
    const alert = await page.locator('[role=alert]').allTextContents();
    fail(`login as ${email} ended on ${pathOf(page)}, expected /compte${alert.length ? ` (alert: ${alert.join(' ').trim()})` : ''}`);
  }
}

async function logout(page, server) {
  const button = page.locator('form[action="/deconnexion"] button[type=submit]');
  await submit(page, button);
  await visit(page, server, '/compte', { expectPath: '/connexion', expectStatus: null });
}

async function mainText(page) {
  return (await page.locator('main#contenu').innerText()).replace(/\s+/g, ' ');
}

// From /lieux: places in Angoulême helping with online procedures, open on Tuesday morning.
async function searchTuesdayMorning(page) {
  await page.getByLabel('Commune ou code postal').fill('Angoulême');
  await page.locator('details.filters > summary').click();
  await page.getByLabel('Aide aux démarches administratives').check();
  await page.getByLabel('Jour', { exact: true }).selectOption('mardi');
  await page.getByLabel('Moment de la journée').selectOption('matin');
  await submit(page, page.getByRole('button', { name: 'Chercher' }));
  const search = new URL(page.url()).searchParams;
  if (search.get('jour') !== 'mardi' || search.get('moment') !== 'matin') fail(`filters not in the address: ${page.url()}`);
  const count = await page.locator('[data-testid=results-count]').innerText();
  if (!/lieux? trouvés?/.test(count) || /^Aucun/.test(count)) fail(`no result: "${count}"`);
}

// The names and links of the result list, in order.
async function resultLinks(page) {
  return page.locator('.result h3 a').evaluateAll((links) =>
    links.map((a) => ({ href: a.getAttribute('href'), name: a.textContent.trim() })),
  );
}

// The map of the page (#carte) as map.js left it.
async function mapFacts(page) {
  return page.evaluate(() => {
    const map = document.querySelector('#carte');
    if (!map) return null;
    return {
      hidden: map.hidden || getComputedStyle(map).display === 'none',
      height: map.getBoundingClientRect().height,
      isDrawn: map.classList.contains('leaflet-container'),
      points: JSON.parse(map.dataset.points || '[]'),
      markers: map.querySelectorAll('path.map-point').length,
      attribution: map.querySelector('.leaflet-control-attribution')?.textContent ?? '',
      note: document.querySelector('.map-note')?.textContent ?? '',
    };
  });
}

// Waits for map.js to draw the map and to report that the tiles (aborted by the
// test) cannot load; checks one marker per place and the attribution.
async function drawnMap(page, expectedPoints) {
  await page.locator('#carte.leaflet-container').waitFor();
  await page.locator('.map-note').waitFor();
  const map = await mapFacts(page);
  if (map.hidden || map.height < 150) fail(`the map is not shown (hidden: ${map.hidden}, height ${map.height}px)`);
  if (map.points.length !== expectedPoints) fail(`the map has ${map.points.length} points, expected ${expectedPoints}`);
  if (map.markers !== expectedPoints) fail(`the map draws ${map.markers} markers, expected ${expectedPoints}`);
  if (!map.attribution.includes('OpenStreetMap')) fail(`no tile attribution on the map (found "${map.attribution}")`);
  if (!/fond de carte/.test(map.note)) fail(`no note that the tiles cannot load (found "${map.note}")`);
  const tiles = (foreignRequests.get(page) ?? []).filter((u) => u.startsWith('https://tile.openstreetmap.org/'));
  if (tiles.length === 0) fail('the map requested no tile: the page\'s CSP or map.js keeps the tile server out');
  return map;
}

// Metres from "à 430 m" or "à 2,3 km" in each result, null when a result has none.
async function resultDistances(page) {
  const texts = await page.locator('.result').allInnerTexts();
  return texts.map((text) => {
    const m = text.match(/à (\d+(?:,\d+)?) (km|m)\b/);
    if (!m) return null;
    const value = Number(m[1].replace(',', '.'));
    return m[2] === 'km' ? value * 1000 : value;
  });
}

// ---------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------

const state = { invitationLink: null, invitationAccepted: false };

// Presses Tab until the focused element's accessible text (or label) contains `text`;
// keyboard-only journeys use it instead of clicks.
async function tabTo(page, text, { max = 80 } = {}) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return '';
      const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
      return `${el.innerText || ''} ${el.value || ''} ${label} ${el.getAttribute('aria-label') || ''}`.replace(/\s+/g, ' ');
    });
    if (focused.includes(text)) return;
  }
  fail(`"${text}" cannot be reached with the Tab key on ${pathOf(page)}`);
}

// Presses Enter on the focused control and waits for the next page.
async function enterAndLoad(page) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
}

// Answers the diagnostic's ten questions with the keyboard only: `answers[i]` is the label
// of the answer to question i + 1. Checks every page.
async function answerWithKeyboard(ctx, page, answers, label, { start = 1, total = 10 } = {}) {
  for (let i = 0; i < answers.length; i += 1) {
    const number = start + i;
    const progress = (await page.locator('.progress-text').innerText()).trim();
    if (progress !== `Question ${number} sur ${total}`) fail(`${label}: expected question ${number}, the page says "${progress}"`);
    await checkPage(ctx, page, `${label}: question ${number}`);
    await tabTo(page, answers[i]);
    await enterAndLoad(page);
  }
}

const scenarios = [
  {
    name: '1. home page and login page',
    async run(ctx, page, server) {
      await visit(page, server, '/');
      await mustExist(page, 'h1', 'home page');
      await checkPage(ctx, page, 'home');
      await page.setViewportSize(DESKTOP);
      await checkPage(ctx, page, 'home desktop');
      await page.setViewportSize(MOBILE);
      await visit(page, server, '/connexion');
      await mustExist(page, 'input[name=email]', 'login form');
      await mustExist(page, 'input[name=password]', 'login form');
      await mustExist(page, 'button[type=submit]', 'login form');
      await checkPage(ctx, page, 'login');
    },
  },
  {
    name: '2. wrong password shows an alert',
    async run(ctx, page, server) {
      await login(page, server, ACCOUNTS.coordinator, 'pas-le-bon-mot-de-passe');
      if (pathOf(page) === '/compte') fail('a wrong password logged the user in');
      await mustExist(page, '[role=alert]', 'wrong password');
      await checkPage(ctx, page, 'login wrong password');
      await visit(page, server, '/compte', { expectPath: '/connexion', expectStatus: null });
    },
  },
  {
    name: '3. coordinator: account, staff, audit log, invitation',
    async run(ctx, page, server) {
      await loginOk(page, server, ACCOUNTS.coordinator, DEMO_PASSWORD);
      if (!(await mainText(page)).includes(ACCOUNTS.coordinator)) fail('/compte does not show the e-mail address');
      await mustExist(page, 'form[action="/compte/mot-de-passe"]', '/compte');
      await checkPage(ctx, page, 'account coordinator', { loggedIn: true });

      await visit(page, server, '/journal');
      await mustExist(page, 'main#contenu table', '/journal');
      await checkPage(ctx, page, 'audit log', { loggedIn: true });

      await visit(page, server, '/equipe');
      await checkPage(ctx, page, 'staff', { loggedIn: true });
      const form = page.locator('form[action="/equipe/invitations"]');
      if ((await form.count()) !== 1) fail('/equipe has no form[action="/equipe/invitations"]');
      await form.locator('input[name=email]').fill(INVITED_EMAIL);
      await form.locator('select[name=role]').selectOption('helper');
      await form.locator('select[name=helper_kind]').selectOption('volunteer');
      const orgs = await form
        .locator('select[name=organization_id] option')
        .evaluateAll((opts) => opts.map((o) => o.value).filter((v) => v !== ''));
      if (orgs.length === 0) fail('select[name=organization_id] offers no organisation');
      await form.locator('select[name=organization_id]').selectOption(orgs[0]);
      await submit(page, form.locator(SUBMIT));

      const linkEl = page.locator('[data-testid=invitation-link]');
      if ((await linkEl.count()) !== 1) fail(`after inviting, ${pathOf(page)} has no single [data-testid=invitation-link]`);
      const link = (await linkEl.textContent()).trim();
      let parsed;
      try {
        parsed = new URL(link);
      } catch {
        fail(`the invitation link is not an absolute URL: "${link}"`);
      }
      if (!/^\/invitation\/[^/]+$/.test(parsed.pathname)) fail(`unexpected invitation link path: ${link}`);
      if (parsed.origin !== server.baseUrl) {
        log(`  note: the invitation link's origin ${parsed.origin} is not the server's ${server.baseUrl}; following its path on the server`);
      }
      state.invitationLink = parsed.pathname + parsed.search;
      log(`  invitation link: ${link}`);
      await checkPage(ctx, page, 'staff after invitation', { loggedIn: true });

      await logout(page, server);
    },
  },
  {
    name: '4. accepting an invitation',
    async run(ctx, page, server) {
      if (!state.invitationLink) fail('no invitation link (scenario 3 failed)');
      await visit(page, server, state.invitationLink);
      await mustExist(page, 'input[name=display_name]', 'invitation form');
      await mustExist(page, 'input[name=password]', 'invitation form');
      await mustExist(page, 'input[name=password_confirm]', 'invitation form');
      await checkPage(ctx, page, 'invitation');
      const form = formWith(page, 'input[name=display_name]');
      await form.locator('input[name=display_name]').fill(INVITED_NAME);
      await form.locator('input[name=password]').fill(INVITED_PASSWORD);
      await form.locator('input[name=password_confirm]').fill(INVITED_PASSWORD);
      await submit(page, form.locator(SUBMIT));
      if (pathOf(page) !== '/compte') {
        const alert = await page.locator('[role=alert]').allTextContents();
        fail(`accepting the invitation ended on ${pathOf(page)}, expected /compte${alert.length ? ` (alert: ${alert.join(' ').trim()})` : ''}`);
      }
      state.invitationAccepted = true;
      if (!(await mainText(page)).includes(INVITED_EMAIL)) fail(`/compte does not show ${INVITED_EMAIL}`);
      await checkPage(ctx, page, 'account after invitation', { loggedIn: true });

      await visit(page, server, state.invitationLink, { expectStatus: null });
      await mustExist(page, '[role=alert]', 'reused invitation link');
      if (await page.locator('input[name=display_name]').count()) fail('a used invitation link still shows the acceptance form');
      await checkPage(ctx, page, 'invitation already used', { loggedIn: true });
    },
  },
  {
    name: '5. changing the password',
    async run(ctx, page, server) {
      if (!state.invitationAccepted) fail('no invited account (scenario 4 failed)');
      await loginOk(page, server, INVITED_EMAIL, INVITED_PASSWORD);
      const form = page.locator('form[action="/compte/mot-de-passe"]');
      if ((await form.count()) !== 1) fail('/compte has no form[action="/compte/mot-de-passe"]');
      await form.locator('input[name=current_password]').fill(INVITED_PASSWORD);
      await form.locator('input[name=new_password]').fill(INVITED_NEW_PASSWORD);
      await form.locator('input[name=new_password_confirm]').fill(INVITED_NEW_PASSWORD);
      await submit(page, form.locator(SUBMIT));
      if (pathOf(page) !== '/compte') fail(`changing the password ended on ${pathOf(page)}, expected /compte`);
      const status = (await page.locator('[role=status]').allTextContents()).join(' ');
      if (!status.includes('Mot de passe modifié')) {
        fail(`no [role=status] containing "Mot de passe modifié" (found: "${status.trim()}")`);
      }
      await checkPage(ctx, page, 'account password changed', { loggedIn: true });
      await logout(page, server);

      await login(page, server, INVITED_EMAIL, INVITED_PASSWORD);
      if (pathOf(page) === '/compte') fail('the old password still works after the change');
      await mustExist(page, '[role=alert]', 'login with the old password');
      await loginOk(page, server, INVITED_EMAIL, INVITED_NEW_PASSWORD);
      await logout(page, server);
    },
  },
  {
    name: '6. keyboard: Tab first focuses the skip link',
    async run(ctx, page, server) {
      await visit(page, server, '/connexion');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return {
          tag: el.tagName.toLowerCase(),
          href: el.getAttribute('href'),
          visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth,
        };
      });
      if (!focused || focused.tag !== 'a' || focused.href !== '#contenu') {
        fail(`the first Tab focuses ${focused ? `<${focused.tag} href="${focused.href}">` : 'nothing'}, expected the skip link a[href="#contenu"]`);
      }
      if (!focused.visible) fail('the skip link is not visible in the viewport when focused');
      await checkPage(ctx, page, 'login skip link focused');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#contenu', null, { timeout: 5000 }).catch(() => {
        fail('Enter on the skip link does not go to #contenu');
      });
    },
  },
  {
    name: '7. a person at 360 px finds a place open on Tuesday morning for online procedures, opens it and prints it',
    async run(ctx, page, server) {
      await visit(page, server, '/');
      await page.getByRole('link', { name: 'Trouver un lieu' }).first().click();
      await page.waitForLoadState('load');
      if (pathOf(page) !== '/lieux') fail(`the menu link leads to ${pathOf(page)}, expected /lieux`);
      await checkPage(ctx, page, 'places search empty');
      await searchTuesdayMorning(page);
      const links = await resultLinks(page);
      const map = await drawnMap(page, links.length);
      const pointLinks = map.points.map((p) => ({ href: `/lieux/${p.id}`, name: p.nom }));
      if (JSON.stringify(pointLinks) !== JSON.stringify(links)) {
        fail(`the map's points differ from the list:\n      map:  ${JSON.stringify(pointLinks)}\n      list: ${JSON.stringify(links)}`);
      }
      await checkPage(ctx, page, 'places search results');
      // The keyboard goes through the map (itself, then its zoom buttons) and out to the list.
      // The last link before the map is the PDF of the list.
      await page.getByRole('link', { name: 'Télécharger en PDF' }).focus();
      const stops = [];
      for (let i = 0; i < 6 && !stops.includes('first result'); i += 1) {
        await page.keyboard.press('Tab');
        stops.push(
          await page.evaluate(() => {
            const el = document.activeElement;
            if (el === document.querySelector('.result h3 a')) return 'first result';
            if (el?.id === 'carte') return 'map';
            return el?.getAttribute('aria-label') || el?.tagName.toLowerCase() || 'nothing';
          }),
        );
      }
      const expectedStops = ['map', 'Agrandir la carte', 'Réduire la carte', 'first result'];
      if (JSON.stringify(stops) !== JSON.stringify(expectedStops)) fail(`Tab after the PDF link goes through ${stops.join(' → ')}, expected ${expectedStops.join(' → ')}`);
      // A marker opens a popup linking to its place; the popup speaks French.
      await page.locator('#carte path.map-point').first().dispatchEvent('click');
      const popupLink = page.locator('#carte .leaflet-popup a[href^="/lieux/"]');
      await popupLink.waitFor();
      // Leaflet fades popups in: check them once fully shown.
      await page.waitForFunction(() => getComputedStyle(document.querySelector('#carte .leaflet-popup')).opacity === '1');
      const popup = { href: await popupLink.getAttribute('href'), name: (await popupLink.innerText()).trim() };
      if (JSON.stringify(popup) !== JSON.stringify(pointLinks[0])) fail(`the first marker's popup is ${JSON.stringify(popup)}, expected ${JSON.stringify(pointLinks[0])}`);
      const close = await page.locator('#carte .leaflet-popup-close-button').getAttribute('aria-label');
      if (close !== 'Fermer') fail(`the popup's close button is labelled "${close}"`);
      await checkPage(ctx, page, 'places search map popup');
      // The list is untouched by the map.
      if (JSON.stringify(await resultLinks(page)) !== JSON.stringify(links)) fail('the result list changed once the map was drawn');
      await page.locator('.result h3 a').first().click();
      await page.waitForLoadState('load');
      if (!/^\/lieux\/\d+$/.test(pathOf(page))) fail(`the first result opens ${pathOf(page)}`);
      const hours = await page.locator('[data-testid=hours]').innerText();
      if (!/mardi \d+ h/.test(hours)) fail(`the place page does not show Tuesday hours: ${hours}`);
      const services = await mainText(page);
      if (!services.includes('Aide aux démarches administratives')) fail('the place page does not list online procedures');
      const placeMap = await drawnMap(page, 1);
      if (`/lieux/${placeMap.points[0].id}` !== pathOf(page)) fail(`the place page's map shows place ${placeMap.points[0].id}`);
      await checkPage(ctx, page, 'place page');
      await page.emulateMedia({ media: 'print' });
      const hidden = await page.evaluate(() => ['.site-header', '#carte'].map((s) => getComputedStyle(document.querySelector(s)).display));
      if (hidden[0] !== 'none') fail('the print stylesheet keeps the site header');
      if (hidden[1] !== 'none') fail('the print stylesheet keeps the map');
      await page.pdf({ path: path.join(ARTIFACTS, 'place-page-print.pdf') }).catch(() => {});
      await page.emulateMedia({ media: 'screen' });
      await visit(page, server, '/lieux/imprimer?commune=Cognac', { expectPath: '/lieux/imprimer' });
      const printed = await page.locator('.print-place').count();
      if (printed < 5) fail(`the paper map of Cognac lists ${printed} places`);
      await checkPage(ctx, page, 'paper map');
      const pdfLink = page.getByRole('link', { name: 'Télécharger en PDF' });
      const pdfHref = await pdfLink.getAttribute('href');
      if (pdfHref !== '/lieux/imprimer.pdf?commune=Cognac') fail(`the PDF link is ${pdfHref}`);
      const pdf = await page.request.get(url(server, pdfHref));
      const pdfBody = await pdf.body();
      if (pdf.headers()['content-type'] !== 'application/pdf' || !pdfBody.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
        fail(`the paper map PDF answers ${pdf.status()} ${pdf.headers()['content-type']}`);
      }
    },
  },
  {
    name: '8. a manager updates the hours of a place; the coordinator sees the freshness board',
    async run(ctx, page, server) {
      await loginOk(page, server, ACCOUNTS.manager, DEMO_PASSWORD);
      await visit(page, server, '/gestion/lieux');
      await checkPage(ctx, page, 'managed places', { loggedIn: true });
      await page.locator('.stack-table a').first().click();
      await page.waitForLoadState('load');
      await checkPage(ctx, page, 'place form', { loggedIn: true });
      await page.locator('#mardi_debut1').fill('09:00');
      await page.locator('#mardi_fin1').fill('12:00');
      await submit(page, page.getByRole('button', { name: 'Enregistrer' }));
      const notice = await page.locator('[role=status]').first().innerText().catch(() => '');
      if (!notice.includes('enregistré')) fail(`no saved notice after the place form (got "${notice}")`);
      await logout(page, server);
      await loginOk(page, server, ACCOUNTS.coordinator, DEMO_PASSWORD);
      await visit(page, server, '/gestion/fraicheur');
      await mustExist(page, '[data-testid=stale-count]', 'freshness board');
      await checkPage(ctx, page, 'freshness board', { loggedIn: true });
      await logout(page, server);
    },
  },
  {
    name: '9. without JavaScript, the same search lists the places and shows no map',
    contextOptions: { javaScriptEnabled: false },
    async run(ctx, page, server) {
      await visit(page, server, '/lieux');
      if (await page.getByRole('button', { name: 'Autour de moi' }).count()) fail('the "Autour de moi" button is shown without JavaScript');
      await searchTuesdayMorning(page);
      const links = await resultLinks(page);
      if (links.length === 0 || !links.every((l) => /^\/lieux\/\d+$/.test(l.href) && l.name)) fail(`unexpected result links: ${JSON.stringify(links)}`);
      const map = await mapFacts(page);
      if (!map) fail('the results page has no #carte');
      if (!map.hidden || map.isDrawn) fail('the map container is visible without JavaScript');
      if (map.points.length !== links.length) fail(`the hidden map has ${map.points.length} points for ${links.length} results`);
      await checkPage(ctx, page, 'places search results without javascript');
      await page.locator('.result h3 a').first().click();
      await page.waitForLoadState('load');
      if (!/^\/lieux\/\d+$/.test(pathOf(page))) fail(`the first result opens ${pathOf(page)}`);
      if (!(await page.locator('#carte').isHidden())) fail('the place page shows an empty map without JavaScript');
      await checkPage(ctx, page, 'place page without javascript');
    },
  },
  {
    name: '10. "Autour de moi": a refusal is explained, a shared position lists the nearest places first',
    async run(ctx, page, server) {
      await visit(page, server, '/lieux');
      const button = page.getByRole('button', { name: 'Autour de moi' });
      if ((await button.count()) !== 1) fail('no "Autour de moi" button on /lieux');
      await checkPage(ctx, page, 'places search with location button');

      // Permission not granted: the browser refuses, the page says so politely.
      await button.click();
      const status = page.locator('.locate [role=status]');
      await page.waitForFunction(() => /pas partagée/.test(document.querySelector('.locate [role=status]')?.textContent ?? ''));
      if (pathOf(page) !== '/lieux' || new URL(page.url()).search) fail(`a refused location changed the page to ${page.url()}`);
      log(`  refusal message: ${(await status.innerText()).trim()}`);
      await checkPage(ctx, page, 'places search location refused');

      await page.context().grantPermissions(['geolocation'], { origin: server.baseUrl });
      await page.context().setGeolocation(ANGOULEME);
      await page.getByLabel('Commune ou code postal').fill('Cognac');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
      const params = new URL(page.url()).searchParams;
      if (params.get('lat') !== '45.648' || params.get('lon') !== '0.156') fail(`the address carries no rounded position: ${page.url()}`);
      if (params.get('commune')) fail(`the commune typed before stays in the search: ${page.url()}`);
      const distances = await resultDistances(page);
      if (distances.length < 2 || distances.some((d) => d === null)) fail(`results without distance: ${JSON.stringify(distances)}`);
      if (distances.some((d, i) => i > 0 && d < distances[i - 1])) fail(`results not sorted by distance: ${JSON.stringify(distances)}`);
      if (distances[0] > 2000) fail(`the nearest place is ${distances[0]} m from Angoulême town hall`);
      if (!(await mainText(page)).includes('du plus proche au plus loin de votre position')) fail('the page does not say the places are sorted by distance');
      await drawnMap(page, distances.length);
      await checkPage(ctx, page, 'places around me');

      // The position stays in the form and the page links.
      const next = await page.locator('a[rel=next]').getAttribute('href');
      if (!next || !next.includes('lat=45.648')) fail(`the next page forgets the position: ${next}`);
      await submit(page, page.getByRole('button', { name: 'Chercher' }));
      if (new URL(page.url()).searchParams.get('lat') !== '45.648') fail(`searching again forgets the position: ${page.url()}`);
    },
  },
  {
    name: '11. permanences: the public agenda, a place\'s coming sessions, a manager plans and cancels, the coverage board',
    async run(ctx, page, server) {
      await visit(page, server, '/permanences');
      await checkPage(ctx, page, 'public agenda');
      await page.getByLabel('Commune ou code postal').fill('Angoulême');
      await submit(page, page.getByRole('button', { name: 'Voir les permanences' }));
      if (new URL(page.url()).searchParams.get('commune') !== 'Angoulême') fail(`the commune is not in the address: ${page.url()}`);
      const sessions = await page.locator('ul.occurrences li').count();
      if (sessions === 0) fail('no permanence near Angoulême in the demo');
      if (!(await mainText(page)).includes('Annulée : Formation de l\'équipe')) fail('the demo cancellation is not shown on the agenda');
      await checkPage(ctx, page, 'public agenda near a commune');
      await page.locator('ul.occurrences li a').first().click();
      await page.waitForLoadState('load');
      const placePath = pathOf(page);
      if (!/^\/lieux\/\d+$/.test(placePath)) fail(`the agenda's place link opens ${placePath}`);
      await mustExist(page, '[data-testid=permanences] li', 'coming sessions on the place page');
      await checkPage(ctx, page, 'place page with permanences');

      await loginOk(page, server, ACCOUNTS.manager, DEMO_PASSWORD);
      await visit(page, server, '/gestion/couverture');
      await checkPage(ctx, page, 'coverage board', { loggedIn: true });
      await visit(page, server, placePath);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Permanences de ce lieu', exact: true }).click()]);
      if (pathOf(page) !== `/gestion${placePath}/permanences`) fail(`the planning link opens ${pathOf(page)}`);
      await checkPage(ctx, page, 'planning page', { loggedIn: true });
      // A first try without any day is refused field by field.
      const form = formWith(page, 'input[name=titre]');
      await form.locator('input[name=titre]').fill('Atelier du samedi');
      await form.locator('input[name=heure_debut]').fill('10:00');
      await form.locator('input[name=heure_fin]').fill('12:00');
      await submit(page, form.getByRole('button', { name: 'Enregistrer la permanence' }));
      await mustExist(page, '[role=alert] a[href="#jours"]', 'the missing day named in the error summary');
      await checkPage(ctx, page, 'planning form with errors', { loggedIn: true });
      const retry = formWith(page, 'input[name=titre]');
      await retry.getByLabel('samedi', { exact: true }).check();
      await submit(page, retry.getByRole('button', { name: 'Enregistrer la permanence' }));
      if (!/^\/gestion\/permanences\/\d+$/.test(pathOf(page))) fail(`saving the permanence ended on ${pathOf(page)}`);
      await mustExist(page, '.notice', 'saved notice');
      await checkPage(ctx, page, 'permanence edit page', { loggedIn: true });
      // Cancel the next Saturday with a public reason.
      const saturday = new Date();
      saturday.setDate(saturday.getDate() + ((6 - saturday.getDay() + 7) % 7 || 7));
      const iso = `${saturday.getFullYear()}-${String(saturday.getMonth() + 1).padStart(2, '0')}-${String(saturday.getDate()).padStart(2, '0')}`;
      const exception = formWith(page, 'input[name=motif]');
      await exception.locator('input[name=date]').fill(iso);
      await exception.locator('input[name=motif]').fill('Salle prise par une réunion');
      await submit(page, exception.getByRole('button', { name: 'Enregistrer', exact: true }));
      if (!(await mainText(page)).includes('annulée (Salle prise par une réunion)')) fail('the cancellation is not listed');
      await checkPage(ctx, page, 'permanence with a cancellation', { loggedIn: true });
      // One date of the planning page: helpers on duty and the public-charter count.
      await visit(page, server, `/gestion${placePath}/permanences`);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('a[href*="/seances/"]').first().click()]);
      if (!/^\/gestion\/permanences\/\d+\/seances\/\d{4}-\d{2}-\d{2}$/.test(pathOf(page))) fail(`the date link opens ${pathOf(page)}`);
      await mustExist(page, '#helpers-title', 'helpers of the date');
      await checkPage(ctx, page, 'one date of a permanence', { loggedIn: true });
      await visit(page, server, placePath);
      if (!(await mainText(page)).includes('Annulée : Salle prise par une réunion')) fail('the place page does not show the cancellation');
      // The poster: rules written by the manager, then the print view and the PDF.
      await visit(page, server, `/gestion${placePath}/affiche`);
      await page.getByLabel('Règles de fonctionnement du lieu (une par ligne)').fill('Venez avec votre téléphone chargé.\nPas besoin de rendez-vous.');
      await submit(page, page.getByRole('button', { name: 'Enregistrer les règles' }));
      await checkPage(ctx, page, 'poster rules', { loggedIn: true });
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Imprimer cette affiche' }).click()]);
      if ((await page.locator('[data-testid=poster-rules] li').count()) !== 2) fail('the poster does not list the two rules');
      await checkPage(ctx, page, 'poster print view', { loggedIn: true });
      const pdf = await page.request.get(url(server, `${placePath}/affiche.pdf`));
      if (pdf.status() !== 200 || pdf.headers()['content-type'] !== 'application/pdf') fail(`the poster PDF answers ${pdf.status()} ${pdf.headers()['content-type']}`);
    },
  },
  {
    name: '12. a helper volunteers for a permanence and subscribes to their private calendar',
    async run(ctx, page, server) {
      await loginOk(page, server, ACCOUNTS.professional, DEMO_PASSWORD);
      await page.getByRole('link', { name: 'Mes permanences' }).click();
      await page.waitForLoadState('load');
      if (pathOf(page) !== '/mes-permanences') fail(`the menu opens ${pathOf(page)}`);
      await checkPage(ctx, page, 'my permanences', { loggedIn: true });
      const before = await page.locator('[data-testid=my-duties] li').count();
      const offer = page.locator('[data-testid=open-occurrences] button').first();
      const label = (await offer.innerText()).trim();
      await submit(page, offer);
      if (!(await mainText(page)).includes('Merci ! Vous êtes inscrit·e.')) fail(`volunteering ("${label}") shows no thanks`);
      const after = await page.locator('[data-testid=my-duties] li').count();
      if (after !== before + 1) fail(`duties went from ${before} to ${after}`);
      await checkPage(ctx, page, 'my permanences after volunteering', { loggedIn: true });
      await submit(page, page.getByRole('button', { name: 'Créer mon adresse d\'agenda' }));
      const feed = (await page.locator('[data-testid=feed-url]').innerText()).trim();
      if (!feed.includes('/agenda/encadrant/')) fail(`no private feed address: ${feed}`);
      await checkPage(ctx, page, 'my permanences with a feed address', { loggedIn: true });
      const response = await page.request.get(feed.startsWith('http') ? feed : url(server, feed));
      if (response.status() !== 200) fail(`the private feed answers ${response.status()}`);
      const body = await response.text();
      if (!body.startsWith('BEGIN:VCALENDAR') || (body.match(/BEGIN:VEVENT/g) || []).length !== after) fail(`the private feed does not hold the ${after} duties`);
    },
  },
  {
    name: '13. a volunteer accepts an invitation, is asked to sign the charter before volunteering, signs, downloads the signed copy and volunteers for next Tuesday',
    async run(ctx, page, server) {
      const email = 'charte.benevole@demo.relais.test';
      await loginOk(page, server, ACCOUNTS.coordinator, DEMO_PASSWORD);
      await visit(page, server, '/equipe');
      const form = page.locator('form[action="/equipe/invitations"]');
      await form.locator('input[name=email]').fill(email);
      await form.locator('select[name=role]').selectOption('helper');
      await form.locator('select[name=helper_kind]').selectOption('volunteer');
      const orgs = await form
        .locator('select[name=organization_id] option')
        .evaluateAll((opts) => opts.map((o) => o.value).filter((v) => v !== ''));
      // The library holds the Tuesday permanence of the demo.
      await form.locator('select[name=organization_id]').selectOption({ label: 'Médiathèque des Tilleuls' });
      await submit(page, form.locator(SUBMIT));
      const link = new URL((await page.locator('[data-testid=invitation-link]').textContent()).trim());
      await logout(page, server);

      await visit(page, server, link.pathname);
      await checkPage(ctx, page, 'charter invitation');
      const accept = formWith(page, 'input[name=display_name]');
      await accept.locator('input[name=display_name]').fill('Léa Bénévole');
      await accept.locator('input[name=password]').fill(INVITED_PASSWORD);
      await accept.locator('input[name=password_confirm]').fill(INVITED_PASSWORD);
      await submit(page, accept.locator(SUBMIT));
      if (pathOf(page) !== '/compte') fail(`accepting the invitation ended on ${pathOf(page)}`);
      await mustExist(page, '[data-testid=must-sign-charter]', 'account of a helper who has not signed');
      await checkPage(ctx, page, 'account must sign the charter', { loggedIn: true });

      // Before signing, volunteering for next Tuesday is refused with a link to the charter.
      const nextTuesday = () => page.locator('[data-testid=open-occurrences] button', { hasText: /^Je viens le mardi/ }).first();
      await visit(page, server, '/mes-permanences');
      await submit(page, nextTuesday());
      const refusal = (await page.locator('[role=alert]').allTextContents()).join(' ');
      if (!refusal.includes('signer la charte des encadrants')) fail(`volunteering before signing is not refused (alert: "${refusal.trim()}")`);
      await mustExist(page, '[role=alert] a[href="/chartes/encadrants/signer"]', 'link to the charter in the refusal');
      await checkPage(ctx, page, 'volunteering refused before signing', { loggedIn: true });
      await visit(page, server, '/compte');

      await page.locator('[data-testid=must-sign-charter]').getByRole('link', { name: 'Lire et signer la charte' }).click();
      await page.waitForLoadState('load');
      if (pathOf(page) !== '/chartes/encadrants/signer') fail(`the notice leads to ${pathOf(page)}`);
      await checkPage(ctx, page, 'sign the helpers charter', { loggedIn: true });
      const sign = page.locator('form[action="/chartes/encadrants/signer"]');
      if ((await sign.locator('input[name=full_name]').inputValue()) !== 'Léa Bénévole') fail('the name is not pre-filled');
      if (!(await page.getByLabel('bénévole', { exact: true }).isChecked())) fail('the volunteer kind is not pre-selected');
      await page.getByLabel('Fait à').fill('Angoulême');
      await page.getByLabel("J'ai lu cette charte et je m'engage à la respecter.").check();
      await submit(page, sign.locator(SUBMIT));
      if (pathOf(page) !== '/chartes/encadrants') fail(`signing ended on ${pathOf(page)}`);
      const status = (await page.locator('[role=status]').allTextContents()).join(' ');
      if (!status.includes('Votre signature est enregistrée')) fail(`no confirmation after signing (found "${status.trim()}")`);
      await checkPage(ctx, page, 'helpers charter signed', { loggedIn: true });

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Télécharger mon exemplaire signé (PDF)' }).click(),
      ]);
      if (!download.suggestedFilename().endsWith('.pdf')) fail(`the signed copy is named ${download.suggestedFilename()}`);
      const file = await download.path();
      const head = fs.readFileSync(file).subarray(0, 5).toString('latin1');
      if (head !== '%PDF-') fail(`the signed copy is not a PDF (starts with ${JSON.stringify(head)})`);

      // Signed: the volunteer comes next Tuesday.
      await visit(page, server, '/mes-permanences');
      const offer = (await nextTuesday().innerText()).trim();
      await submit(page, nextTuesday());
      if (!(await mainText(page)).includes('Merci ! Vous êtes inscrit·e.')) fail(`volunteering ("${offer}") after signing shows no thanks`);
      const duty = (await page.locator('[data-testid=my-duties] li h3').allTextContents()).map((t) => t.trim());
      if (!duty.some((d) => d.startsWith('mardi') && offer.endsWith(d.split(',')[0]))) fail(`"${offer}" is not among the duties ${JSON.stringify(duty)}`);
      await checkPage(ctx, page, 'volunteer on duty next Tuesday', { loggedIn: true });

      await visit(page, server, '/compte');
      if (await page.locator('[data-testid=must-sign-charter]').count()) fail('the account page still asks to sign');
      await checkPage(ctx, page, 'account after signing', { loggedIn: true });
      await logout(page, server);
    },
  },
  {
    name: '14. charter pages: public charter, the unsigned demo volunteer, a manager\'s adhesion, the coordinator\'s boards',
    async run(ctx, page, server) {
      await visit(page, server, '/');
      await page.getByRole('link', { name: 'Notre charte' }).click();
      await page.waitForLoadState('load');
      if (pathOf(page) !== '/charte-publique') fail(`the footer link leads to ${pathOf(page)}`);
      await mustExist(page, 'a[href="/charte-publique.pdf"]', 'public charter');
      await checkPage(ctx, page, 'public charter');
      const pdf = await page.request.get(url(server, '/charte-publique.pdf'));
      if (pdf.status() !== 200 || pdf.headers()['content-type'] !== 'application/pdf') fail(`/charte-publique.pdf answers ${pdf.status()} ${pdf.headers()['content-type']}`);

      await loginOk(page, server, ACCOUNTS.volunteer, DEMO_PASSWORD);
      await mustExist(page, '[data-testid=must-sign-charter]', 'the demo volunteer has not signed');
      await visit(page, server, '/chartes');
      await checkPage(ctx, page, 'charters list', { loggedIn: true });
      await visit(page, server, '/chartes/encadrants');
      await checkPage(ctx, page, 'helpers charter unsigned', { loggedIn: true });
      await logout(page, server);

      await loginOk(page, server, ACCOUNTS.manager, DEMO_PASSWORD);
      await visit(page, server, '/gestion/adhesion');
      await checkPage(ctx, page, 'adhesion list', { loggedIn: true });
      await page.locator('main .result a').first().click();
      await page.waitForLoadState('load');
      await mustExist(page, 'form[action$="/auto-evaluation"]', 'self-assessment');
      await checkPage(ctx, page, 'adhesion and self-assessment', { loggedIn: true });
      await submit(page, page.getByRole('button', { name: "Enregistrer l'auto-évaluation" }));
      const saved = (await page.locator('[role=status]').allTextContents()).join(' ');
      if (!saved.includes('Auto-évaluation enregistrée')) fail(`no confirmation after the self-assessment (found "${saved.trim()}")`);
      await logout(page, server);

      await loginOk(page, server, ACCOUNTS.coordinator, DEMO_PASSWORD);
      for (const [p, label] of [
        ['/gestion/signatures', 'signature board'],
        ['/gestion/engagements', 'commitments board'],
        ['/gestion/chartes/public', 'publish a charter'],
      ]) {
        await visit(page, server, p);
        await checkPage(ctx, page, label, { loggedIn: true });
      }
      await page.setViewportSize(DESKTOP);
      await visit(page, server, '/gestion/signatures');
      await checkPage(ctx, page, 'signature board desktop', { loggedIn: true });
      await page.setViewportSize(MOBILE);
      await logout(page, server);
    },
  },
  {
    name: '15. a helper at 360 px records an accompaniment in fewer than 12 interactions; a note with a password is refused and the form stays filled',
    async run(ctx, page, server) {
      await loginOk(page, server, ACCOUNTS.professional, DEMO_PASSWORD);
      let interactions = 0;
      const act = async (what) => { interactions += 1; await what(); };
      await act(() => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Accompagnements' }).click()]));
      if (pathOf(page) !== '/accompagnements/nouveau') fail(`the menu opens ${pathOf(page)}`);
      await checkPage(ctx, page, 'new accompaniment', { loggedIn: true });
      const form = page.locator('form.activity-form');
      if (!(await form.locator('select[name=lieu]').inputValue())) {
        const first = await form.locator('select[name=lieu] option:not([value=""])').first().getAttribute('value');
        await act(() => form.locator('select[name=lieu]').selectOption(first));
      }
      await act(() => form.getByLabel('Démarches administratives en ligne').check());
      await act(() => form.getByLabel('Téléphone', { exact: true }).check());
      await act(() => form.getByLabel('Autonome avec un peu d\'aide').check());
      await act(() => form.locator('#dernier_clic-oui').check());
      await act(() => form.getByLabel('70 ans et plus').check());
      // With JavaScript the record is sent without reloading the page.
      const before = page.url();
      await act(() => form.getByRole('button', { name: 'Enregistrer', exact: true }).click());
      await page.locator('[role=status]', { hasText: 'C\'est enregistré.' }).waitFor();
      if (interactions >= 12) fail(`recording took ${interactions} interactions`);
      log(`  recorded in ${interactions} interactions`);
      if (page.url() !== before) fail(`the page changed to ${page.url()}`);
      if (await form.locator('#age-70-plus').isChecked()) fail('the form was not made ready for the next person');
      await checkPage(ctx, page, 'accompaniment saved, next form ready', { loggedIn: true });
      // The next entry, "same as my previous entry", with a password in the note: refused,
      // the message says where, and every choice stays as it was.
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Comme ma saisie précédente' }).click()]);
      const again = page.locator('form.activity-form');
      if (!(await again.locator('#age-70-plus').isChecked())) fail('"same as my previous entry" did not fill the form');
      await again.locator('textarea[name=note]').fill('Compte Ameli créé ; mot de passe : Soleil2024! noté pour elle');
      await submit(page, again.getByRole('button', { name: 'Enregistrer', exact: true }));
      const noteError = (await page.locator('[data-testid=note-error]').innerText()).trim();
      if (!noteError) fail('no message under the note');
      if (noteError.includes('Soleil2024!')) fail('the message repeats the password');
      for (const id of ['#age-70-plus', '#themes-demarches', '#materiel-telephone', '#autonomie-avec-aide', '#dernier_clic-oui']) {
        if (!(await page.locator(id).isChecked())) fail(`${id} was lost after the refusal`);
      }
      log(`  refusal: ${noteError}`);
      await checkPage(ctx, page, 'note refused by the privacy guard', { loggedIn: true });
      await visit(page, server, '/accompagnements');
      await checkPage(ctx, page, 'accompaniments list', { loggedIn: true });
      await visit(page, server, '/accompagnements/nouveau?type=collectif', { expectPath: '/accompagnements/nouveau' });
      await checkPage(ctx, page, 'new workshop session', { loggedIn: true });
    },
  },
  {
    name: '16. without JavaScript, an accompaniment is recorded and the next form is ready',
    contextOptions: { javaScriptEnabled: false },
    async run(ctx, page, server) {
      await loginOk(page, server, ACCOUNTS.manager, DEMO_PASSWORD);
      await visit(page, server, '/accompagnements/nouveau');
      const form = page.locator('form.activity-form');
      const first = await form.locator('select[name=lieu] option:not([value=""])').first().getAttribute('value');
      await form.locator('select[name=lieu]').selectOption(first);
      await form.getByLabel('Courriel (e-mail)').check();
      await form.getByLabel('Autonome', { exact: true }).check();
      await form.locator('#dernier_clic-sans-objet').check();
      await submit(page, form.getByRole('button', { name: 'Enregistrer', exact: true }));
      if (new URL(page.url()).search !== '?info=activity-saved') fail(`recording without JavaScript ended on ${page.url()}`);
      if (!(await mainText(page)).includes('C\'est enregistré.')) fail('no confirmation after recording');
      await checkPage(ctx, page, 'accompaniment saved without javascript', { loggedIn: true });
      await visit(page, server, '/accompagnements');
      const latest = (await page.locator('[data-testid=activities] li').first().innerText()).replace(/\s+/g, ' ');
      if (!latest.includes('Courriel (e-mail)')) fail(`the newest record is not the one just saved: ${latest}`);
    },
  },
  {
    name: '17. at 360 px and with the keyboard only, a person makes the diagnostic, prints the result and later compares with the code',
    async run(ctx, page, server) {
      await page.setViewportSize(MOBILE);
      await visit(page, server, '/diagnostic');
      await checkPage(ctx, page, 'diagnostic welcome');
      await tabTo(page, 'Commencer');
      await enterAndLoad(page);
      // Three answers, then back: the answer to question 2 is still shown as chosen.
      await answerWithKeyboard(ctx, page, ['Oui, avec de l’aide', 'Non'], 'first diagnostic');
      await tabTo(page, 'Question précédente');
      await enterAndLoad(page);
      const chosen = (await page.locator('.answer-button.chosen').innerText()).replace(/\s+/g, ' ');
      if (!chosen.includes('Non')) fail(`going back lost the answer to question 2 (chosen: "${chosen}")`);
      await tabTo(page, 'Non');
      await enterAndLoad(page);
      const rest = ['Oui, avec de l’aide', 'Non', 'Je ne sais pas ce que c’est', 'Non', 'Oui, avec de l’aide', 'Non', 'Non', 'Je ne sais pas ce que c’est'];
      await answerWithKeyboard(ctx, page, rest, 'first diagnostic', { start: 3 });
      // The needs: a checkbox ticked with the space bar, then the result.
      await checkPage(ctx, page, 'diagnostic needs');
      await tabTo(page, 'Parler en vidéo avec ma famille');
      await page.keyboard.press('Space');
      await tabTo(page, 'Voir mon résultat');
      await enterAndLoad(page);
      if (pathOf(page) !== '/diagnostic/resultat') fail(`the questionnaire ended on ${pathOf(page)}`);
      const firstCode = (await page.locator('#result-code').innerText()).trim();
      if (!/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/.test(firstCode)) fail(`unexpected code "${firstCode}"`);
      const result = await mainText(page);
      for (const expected of ['Votre profil : Découverte', 'Parler en vidéo avec ma famille', 'Indiquez votre commune']) {
        if (!result.includes(expected)) fail(`the result does not say "${expected}"`);
      }
      await checkPage(ctx, page, 'first result');
      // Next steps near a commune of the demo.
      await tabTo(page, 'Votre commune ou votre code postal');
      await page.keyboard.type('Cognac');
      await enterAndLoad(page);
      const places = await page.locator('.next-steps li').count();
      if (places === 0) fail('no place proposed near Cognac');
      log(`  ${places} places proposed near Cognac`);
      await checkPage(ctx, page, 'result with next steps');
      // Printing: the button opens the print dialogue, and the printed result is one page.
      await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
      await tabTo(page, 'Imprimer mon résultat');
      await page.keyboard.press('Enter');
      if ((await page.evaluate(() => window.printed)) !== 1) fail('the print button did not open the print dialogue');
      await page.emulateMedia({ media: 'print' });
      if (await page.locator('.site-header').isVisible()) fail('the menu is printed');
      if (!(await page.locator('#result-code').isVisible()) || !(await page.locator('img.code-qr').isVisible())) fail('the code or its QR code is not printed');
      const pdf = await page.pdf({ format: 'A4', margin: { top: '1cm', bottom: '1cm', left: '1cm', right: '1cm' } });
      await page.emulateMedia({ media: 'screen' });
      fs.writeFileSync(path.join(ARTIFACTS, 'diagnostic-result.pdf'), pdf);
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
      log(`  the printed result takes ${pages} page(s)`);
      if (pages !== 1) fail(`the printed result takes ${pages} pages, expected one`);

      // Later: the person comes back, answers again (better this time) and compares.
      await visit(page, server, '/diagnostic');
      await tabTo(page, 'Votre code');
      await page.keyboard.type(firstCode.toLowerCase());
      await enterAndLoad(page);
      if (!(await mainText(page)).includes('Votre profil : Découverte')) fail('the code typed in lower case does not show the earlier result');
      await checkPage(ctx, page, 'earlier result from the code');
      await visit(page, server, '/diagnostic');
      await tabTo(page, 'Commencer');
      await enterAndLoad(page);
      await answerWithKeyboard(ctx, page, Array(10).fill('Oui, seul'), 'second diagnostic');
      await tabTo(page, 'Voir mon résultat');
      await enterAndLoad(page);
      await tabTo(page, 'Votre ancien code');
      await page.keyboard.type(firstCode);
      await enterAndLoad(page);
      const compared = await mainText(page);
      if (!compared.includes('Comparé avec votre diagnostic du')) fail('the comparison is not shown');
      const progressed = (compared.match(/En progrès depuis la dernière fois/g) || []).length;
      if (progressed !== 5) fail(`${progressed} domains shown in progress, expected 5`);
      await checkPage(ctx, page, 'comparison with the earlier code');
      // A mistyped code gets a plain message and keeps what was typed.
      await visit(page, server, `/diagnostic/resultat?code=${firstCode.slice(0, 6)}`, { expectStatus: 422, expectPath: '/diagnostic/resultat' });
      if (!(await mainText(page)).includes('Ce code est trop court')) fail('no message for a truncated code');
      await checkPage(ctx, page, 'truncated code');
      // Staff see counts only: the library's manager exact numbers, the coordinator "< 5".
      await loginOk(page, server, ACCOUNTS.manager, DEMO_PASSWORD);
      await visit(page, server, '/gestion/diagnostics');
      if (!(await mainText(page)).includes('Diagnostics terminés')) fail('the board shows no count');
      await checkPage(ctx, page, 'diagnostic board (manager)', { loggedIn: true });
      await logout(page, server);
      await loginOk(page, server, ACCOUNTS.coordinator, DEMO_PASSWORD);
      await visit(page, server, '/gestion/diagnostics');
      if (!(await page.locator('td', { hasText: '< 5' }).count())) fail('the coordinator sees small counts of other organisations\' places');
      await checkPage(ctx, page, 'diagnostic board (coordinator)', { loggedIn: true });
      await logout(page, server);
    },
  },
  {
    name: '18. a helper refers a person with consent and prints the slip; a manager of the destination records the arrival with the code',
    async run(ctx, page, server) {
      // The volunteer of the social centre refers a person to the library (the destination
      // of her demo referral, read from her list).
      await loginOk(page, server, ACCOUNTS.volunteer, DEMO_PASSWORD);
      await visit(page, server, '/orientations');
      await checkPage(ctx, page, 'referrals of a helper', { loggedIn: true });
      if (!(await mainText(page)).includes('À relancer')) fail('the 12-day-old demo referral is not in the reminders');
      const placeName = (await page.locator('td[data-label="Vers"]').first().innerText()).trim();
      await visit(page, server, '/orientations/nouvelle');
      await checkPage(ctx, page, 'referral: choose the destination', { loggedIn: true });
      const option = page.locator('select[name=destination] option', { hasText: placeName }).first();
      await page.locator('select[name=destination]').selectOption(await option.getAttribute('value'));
      await submit(page, page.getByRole('button', { name: 'Continuer' }));
      await mustExist(page, '[data-testid=referral-destination]', 'the destination panel');
      await mustExist(page, '[data-testid=consent-statement]', 'the consent statement');
      await checkPage(ctx, page, 'referral: need and consent', { loggedIn: true });
      await page.locator('#categories-aide-aux-demarches-administratives').check();
      await page.locator('#besoin').fill('Déclarer ses revenus en ligne');
      await page.locator('#accord-oui').check();
      await page.locator('#partage-prenom').check();
      await page.locator('#prenom').fill('Gisèle');
      await page.locator('#partage-contact').check();
      await page.locator('#contact_mode-phone').check();
      await page.locator('#contact').fill('06 12 34 56 78');
      await submit(page, page.getByRole('button', { name: 'Envoyer l\'orientation' }));
      if (!/^\/orientations\/\d+$/.test(pathOf(page))) fail(`sending ended on ${page.url()}`);
      const referralPath = pathOf(page);
      const code = (await page.locator('[data-testid=referral-code]').innerText()).trim();
      if (!/^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(code)) fail(`unexpected code ${code}`);
      if ((await page.locator('[data-testid=referral-first-name]').innerText()).trim() !== 'Gisèle') fail('the first name is not shown to the sender');
      await checkPage(ctx, page, 'referral sent', { loggedIn: true });
      // The slip: print view, then its PDF.
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        page.getByRole('link', { name: 'Imprimer la fiche pour la personne' }).click(),
      ]);
      if ((await page.locator('[data-testid=slip-code]').innerText()).trim() !== code) fail('the slip does not show the code');
      if (!(await mainText(page)).includes(placeName)) fail('the slip does not name the destination');
      await checkPage(ctx, page, 'referral slip print view', { loggedIn: true });
      const pdf = await page.request.get(url(server, `${referralPath}/fiche.pdf`));
      if (pdf.status() !== 200 || pdf.headers()['content-type'] !== 'application/pdf') {
        fail(`slip PDF: HTTP ${pdf.status()} ${pdf.headers()['content-type']}`);
      }
      if (!(await pdf.body()).subarray(0, 4).equals(Buffer.from('%PDF'))) fail('the slip PDF is not a PDF');
      await logout(page, server);

      // The library's manager sees it coming and records the arrival with the code.
      await loginOk(page, server, ACCOUNTS.manager, DEMO_PASSWORD);
      await visit(page, server, '/orientations');
      await mustExist(page, `a[href="${referralPath}"]`, 'the incoming referral');
      await checkPage(ctx, page, 'referrals of the destination', { loggedIn: true });
      await visit(page, server, '/orientations/code');
      await checkPage(ctx, page, 'desk: enter a slip code', { loggedIn: true });
      await page.locator('#code').fill(code.toLowerCase());
      await submit(page, page.getByRole('button', { name: 'Valider la venue' }));
      if (pathOf(page) !== referralPath) fail(`the code led to ${page.url()}, expected ${referralPath}`);
      const stateText = (await page.locator('[data-testid=referral-state]').innerText()).trim();
      if (stateText !== 'La personne est venue') fail(`state after the code: ${stateText}`);
      if ((await page.locator('[data-testid=referral-first-name]').innerText()).trim() !== 'Gisèle') fail('the consented first name is not shown to the destination');
      await checkPage(ctx, page, 'arrival recorded by the code', { loggedIn: true });
      await logout(page, server);

      // The coordinator sees counts only.
      await loginOk(page, server, ACCOUNTS.coordinator, DEMO_PASSWORD);
      await visit(page, server, '/orientations');
      await mustExist(page, '[data-testid=referral-counts]', 'the coordinator\'s counts');
      if ((await mainText(page)).includes('Gisèle')) fail('the coordinator sees a first name');
      await checkPage(ctx, page, 'referral counts of the coordinator', { loggedIn: true });
    },
  },
  {
    name: '20. on a phone, a person finds a beginners\' e-mail workshop in the agenda and registers; a helper marks the attendance of last week\'s workshop',
    async run(ctx, page, server) {
      await page.setViewportSize(MOBILE);
      await visit(page, server, '/');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Ateliers', exact: true }).click()]);
      if (pathOf(page) !== '/ateliers') fail(`the menu opens ${pathOf(page)}`);
      await checkPage(ctx, page, 'workshops agenda');
      const search = page.locator('form[role=search]');
      await search.getByLabel('Thème').selectOption('courriel');
      await search.getByLabel('Niveau').selectOption('debutant');
      await submit(page, search.getByRole('button', { name: 'Chercher' }));
      const found = await page.locator('[data-testid=workshops] li').count();
      if (found !== 3) fail(`expected the 3 sessions of the e-mail series, found ${found}`);
      if ((await mainText(page)).includes('démarches en ligne')) fail('the level and theme filters let another workshop through');
      await checkPage(ctx, page, 'workshops agenda, beginners e-mail');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Premiers pas avec le courriel' }).first().click()]);
      await checkPage(ctx, page, 'workshop page');
      const form = page.locator('form[action$="/inscription"]');
      await form.getByLabel('Votre prénom').fill('Yvette');
      await form.getByLabel('Téléphone ou e-mail', { exact: false }).fill('06 11 22 33 44');
      await submit(page, form.getByRole('button', { name: 'Je m\'inscris' }));
      // The consent box was not ticked: refused, everything kept, the message says why.
      if (!(await mainText(page)).includes('cochez la case d\'accord')) fail('a contact without consent was not refused');
      if ((await page.getByLabel('Votre prénom').inputValue()) !== 'Yvette') fail('the first name was lost');
      await checkPage(ctx, page, 'registration refused without consent');
      await page.locator('#consentement').check();
      await submit(page, page.locator('form[action$="/inscription"]').getByRole('button', { name: 'Je m\'inscris' }));
      if (!(await mainText(page)).includes('C\'est noté, Yvette')) fail('no confirmation after registering');
      const link = (await page.locator('[data-testid=private-link]').innerText()).trim();
      await checkPage(ctx, page, 'registered');
      await page.goto(link, { waitUntil: 'load' });
      if (!(await mainText(page)).includes('confirmée')) fail('the private link does not show a confirmed registration');
      await checkPage(ctx, page, 'private registration link');

      // A helper of the library marks who came to last week's workshop, in counts.
      await loginOk(page, server, ACCOUNTS.professional, DEMO_PASSWORD);
      await visit(page, server, '/gestion/ateliers');
      await checkPage(ctx, page, 'workshops for staff', { loggedIn: true });
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Se protéger des arnaques' }).click()]);
      await checkPage(ctx, page, 'workshop staff page', { loggedIn: true });
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Noter la présence' }).click()]);
      await checkPage(ctx, page, 'attendance form', { loggedIn: true });
      await page.getByLabel('Nombre de personnes venues').fill('5');
      await page.locator('#nb_age_70-plus').fill('3');
      await page.locator('#nb_age_60-69').fill('2');
      await page.locator('#nb_genre_femme').fill('4');
      await page.locator('#nb_genre_homme').fill('1');
      await page.locator('#nb_statut_retraite').fill('5');
      await submit(page, page.getByRole('button', { name: 'Enregistrer la présence' }));
      if (!(await mainText(page)).includes('La présence est notée')) fail('no confirmation after marking attendance');
      if (!(await mainText(page)).includes('Présence notée.')) fail('the session does not show its attendance');
      await checkPage(ctx, page, 'attendance marked', { loggedIn: true });
      await visit(page, server, '/accompagnements');
      const latest = (await page.locator('[data-testid=activities] li').first().innerText()).replace(/\s+/g, ' ');
      if (!latest.includes('Atelier, 5 personnes')) fail(`the collective record is not listed first: ${latest}`);
      await logout(page, server);

      // The manager's needs board and the workshop form.
      await loginOk(page, server, ACCOUNTS.manager, DEMO_PASSWORD);
      await visit(page, server, '/gestion/besoins');
      await checkPage(ctx, page, 'needs board', { loggedIn: true });
      await visit(page, server, '/gestion/ateliers/nouveau');
      await checkPage(ctx, page, 'new workshop form', { loggedIn: true });
      await logout(page, server);
    },
  },
  {
    name: '19. a manager proposes an event, the coordinator publishes it, it appears on the public page and in the feeds; prevention sheets, the members\' directory, work sessions and the resource library',
    async run(ctx, page, server) {
      const title = `Atelier courriel ${Date.now()}`;
      const day = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
      await loginOk(page, server, ACCOUNTS.manager, DEMO_PASSWORD);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Actualités', exact: true }).click()]);
      if (pathOf(page) !== '/reseau/actualites') fail(`the menu opens ${pathOf(page)}`);
      await checkPage(ctx, page, 'staff news feed', { loggedIn: true });
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Proposer une actualité' }).click()]);
      await checkPage(ctx, page, 'propose a news item', { loggedIn: true });
      const form = page.locator('form[action="/reseau/actualites"]');
      await form.getByLabel('Événement').check();
      await form.getByLabel('Titre').fill(title);
      await form.getByLabel('Texte').fill('Apprendre à **envoyer une pièce jointe**. <script>alert(1)</script>');
      // An event without its times is refused and the form stays filled.
      await submit(page, form.getByRole('button', { name: "Envoyer à l'animation du réseau" }));
      await mustExist(page, '[data-testid=news-errors]', 'the refused event');
      if ((await page.getByLabel('Titre').inputValue()) !== title) fail('the title was lost after the refusal');
      await checkPage(ctx, page, 'event refused without its times', { loggedIn: true });
      const again = page.locator('form[action="/reseau/actualites"]');
      await again.getByLabel('Date', { exact: true }).fill(day);
      await again.getByLabel('Heure de début').fill('14:00');
      await again.getByLabel('Heure de fin').fill('16:00');
      await again.getByLabel('Lieu ou lien de la visio').fill('Médiathèque des Tilleuls');
      await again.getByLabel('Publier aussi sur la page publique des actualités').check();
      await submit(page, again.getByRole('button', { name: "Envoyer à l'animation du réseau" }));
      if (!(await mainText(page)).includes('Votre proposition est envoyée')) fail('no confirmation after proposing');
      const mine = (await page.locator('[data-testid=my-news]').innerText()).replace(/\s+/g, ' ');
      if (!mine.includes(title) || !mine.includes("En attente de l'animation du réseau")) fail(`the proposal is not listed as waiting: ${mine}`);
      await checkPage(ctx, page, 'proposal sent', { loggedIn: true });
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Membres du réseau', exact: true }).click()]);
      const members = (await page.locator('[data-testid=members]').innerText()).replace(/\s+/g, ' ');
      if (!members.includes('Morgane Responsable')) fail(`the library's contact is not in the members' directory: ${members}`);
      await checkPage(ctx, page, "members' directory", { loggedIn: true });
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: /Choisir le contact de/ }).click()]);
      await checkPage(ctx, page, 'choose the contact person', { loggedIn: true });
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Ressources', exact: true }).click()]);
      await checkPage(ctx, page, 'resource library', { loggedIn: true });
      // A program renamed as a PDF is refused with a clear message.
      const upload = page.locator('form[action="/reseau/ressources/fichier"]');
      await upload.getByLabel('Titre').fill('Guide');
      await upload.getByLabel('Fichier').setInputFiles({ name: 'guide.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 not a pdf') });
      await submit(page, upload.getByRole('button', { name: 'Envoyer le fichier' }));
      const refusal = (await page.locator('[data-testid=file-errors]').innerText()).trim();
      if (!refusal.includes('contient un programme')) fail(`no clear refusal of an executable: ${refusal}`);
      await checkPage(ctx, page, 'executable file refused', { loggedIn: true });
      const retry = page.locator('form[action="/reseau/ressources/fichier"]');
      await retry.getByLabel('Titre').fill('Affiche de la permanence');
      await retry.getByLabel('Fichier').setInputFiles({ name: 'affiche.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') });
      await submit(page, retry.getByRole('button', { name: 'Envoyer le fichier' }));
      if (!(await mainText(page)).includes('Affiche de la permanence')) fail('the uploaded file is not listed');
      await checkPage(ctx, page, 'file shared', { loggedIn: true });
      await logout(page, server);

      if ((await (await page.request.get(url(server, '/actualites'))).text()).includes(title)) fail('the proposal is public before moderation');

      await loginOk(page, server, ACCOUNTS.coordinator, DEMO_PASSWORD);
      await visit(page, server, '/reseau/actualites');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: /Propositions à traiter/ }).click()]);
      if (pathOf(page) !== '/gestion/actualites') fail(`the moderation link opens ${pathOf(page)}`);
      await checkPage(ctx, page, 'moderation queue', { loggedIn: true });
      const item = page.locator('section.panel', { hasText: title });
      if (await item.locator('script').count()) fail('the typed script reached the page');
      await submit(page, item.getByRole('button', { name: 'Publier', exact: true }));
      if (!(await mainText(page)).includes('La proposition est publiée.')) fail('no confirmation after publishing');
      await checkPage(ctx, page, 'proposal published', { loggedIn: true });
      await visit(page, server, '/gestion/prevention/arnaques');
      await checkPage(ctx, page, 'edit a prevention sheet', { loggedIn: true });
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Séances de travail', exact: true }).click()]);
      await checkPage(ctx, page, 'work sessions', { loggedIn: true });
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('[data-testid=upcoming-meetings] a').first().click()]);
      await submit(page, page.getByRole('button', { name: 'Peut-être' }));
      if ((await page.locator('[data-testid=my-answer]').innerText()).trim() !== 'Peut-être') fail('the answer to the work session was not kept');
      await checkPage(ctx, page, 'work session answered', { loggedIn: true });
      await visit(page, server, '/gestion/reunions/nouvelle');
      await checkPage(ctx, page, 'schedule a work session', { loggedIn: true });
      await logout(page, server);

      await visit(page, server, '/actualites');
      const events = (await page.locator('[data-testid=public-events]').innerText()).replace(/\s+/g, ' ');
      if (!events.includes(title)) fail(`the event is not among the public events: ${events}`);
      await checkPage(ctx, page, 'public news page');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('[data-testid=public-events]').getByRole('link', { name: title }).click()]);
      if (!(await mainText(page)).includes('envoyer une pièce jointe')) fail('the event page lacks its text');
      await checkPage(ctx, page, 'public news item');
      await page.setViewportSize(DESKTOP);
      await visit(page, server, '/actualites');
      await checkPage(ctx, page, 'public news page desktop');
      await page.setViewportSize(MOBILE);
      const atom = await page.request.get(url(server, '/actualites.atom'));
      if (!atom.ok() || !(await atom.text()).includes(title)) fail('the event is not in the Atom feed');
      if (!(atom.headers()['content-type'] || '').startsWith('application/atom+xml')) fail(`Atom feed served as ${atom.headers()['content-type']}`);
      const ics = await (await page.request.get(url(server, '/evenements.ics'))).text();
      if (!ics.includes(title)) fail('the event is not in the iCalendar feed');
      log(`  ${title} published on /actualites, /actualites.atom and /evenements.ics`);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Prévention', exact: true }).click()]);
      await checkPage(ctx, page, 'prevention sheets');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Repérer un message piège (hameçonnage)', exact: true }).click()]);
      await checkPage(ctx, page, 'prevention sheet');
      const pdf = await page.request.get(url(server, '/prevention/arnaques/fiche.pdf'));
      if (!pdf.ok() || pdf.headers()['content-type'] !== 'application/pdf') fail('the prevention sheet PDF is missing');
    },
  },
  {
    name: '21. the coordinator filters the statistics to last quarter\'s seniors and downloads the Conférence des financeurs report; the public statistics page',
    async run(ctx, page, server) {
      await loginOk(page, server, ACCOUNTS.coordinator, DEMO_PASSWORD);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Statistiques', exact: true }).click()]);
      if (pathOf(page) !== '/gestion/statistiques') fail(`the statistics link led to ${pathOf(page)}`);
      await mustExist(page, 'svg.chart', 'statistics dashboard');
      await checkPage(ctx, page, 'statistics dashboard', { loggedIn: true });
      // The other domains' figures: the demo network holds permanences with helpers on duty.
      const coverage = page.getByRole('table', { name: 'Permanences tenues et présence des aidants' });
      const held = (await coverage.locator('th:text-is("Permanences tenues jusqu\'à aujourd\'hui") + td').innerText()).trim();
      if (!/^[0-9]+$/.test(held) || Number(held) === 0) fail(`permanences held over twelve months: ${held}`);
      for (const title of ['Orientations, selon où elles en sont', 'Ateliers collectifs et présence', 'Diagnostics faits, par profil', 'Chartes en vigueur (à ce jour)']) {
        if (await page.getByRole('heading', { name: title }).count() !== 1) fail(`the dashboard has no section "${title}"`);
      }

      const filters = page.locator('form.stats-filters');
      await filters.getByLabel('Période').selectOption('trimestre-precedent');
      await filters.getByLabel('Tranche d\'âge').selectOption('60-plus');
      await submit(page, filters.getByRole('button', { name: 'Afficher' }));
      const query = new URL(page.url()).searchParams;
      if (query.get('age') !== '60-plus' || query.get('periode') !== 'trimestre-precedent') fail(`the filters were not sent: ${page.url()}`);
      const totals = page.locator('[data-testid=stats-totals]');
      const records = (await totals.locator('dt:text-is("Accompagnements") + dd').innerText()).trim();
      if (!/^[0-9]+$/.test(records) || Number(records) === 0) fail(`last quarter's seniors: ${records} accompaniments`);
      await checkPage(ctx, page, 'statistics of last quarter\'s seniors', { loggedIn: true });

      const funders = page.locator('.report-links li', { hasText: 'Conférence des financeurs' });
      const csvLink = funders.getByRole('link', { name: 'CSV' });
      const href = await csvLink.getAttribute('href');
      if (!href.includes('age=60-plus')) fail(`the report link drops the filters: ${href}`);
      const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
      if (download.suggestedFilename() !== 'bilan-financeurs.csv') fail(`the report is named ${download.suggestedFilename()}`);
      const csv = fs.readFileSync(await download.path(), 'utf8');
      if (!csv.startsWith('\uFEFF')) fail('the CSV report has no byte-order mark');
      const response = await page.context().request.get(url(server, href));
      const type = response.headers()['content-type'];
      if (type !== 'text/csv; charset=utf-8') fail(`the CSV report is served as ${type}`);
      const line = csv.split(/\r?\n/).find((l) => l.startsWith('Accompagnements individuels;'));
      if (!line) fail('the report has no line of individual sessions');
      if (line.split(';')[1] !== records) fail(`the report counts ${line.split(';')[1]} sessions, the dashboard ${records}`);
      const xlsx = await page.context().request.get(url(server, href.replace('bilan.csv', 'bilan.xlsx')));
      if (xlsx.headers()['content-type'] !== 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') fail(`the XLSX report is served as ${xlsx.headers()['content-type']}`);
      await logout(page, server);

      await page.setViewportSize(MOBILE);
      await visit(page, server, '/statistiques');
      if (!(await mainText(page)).includes('Statistiques du réseau')) fail('the public statistics page has no title');
      await mustExist(page, 'svg.chart', 'public statistics');
      await checkPage(ctx, page, 'public statistics at 360 px');
      await page.setViewportSize(DESKTOP);
    },
  },
];

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function main() {
  const binaryArg = process.argv[2];
  if (!binaryArg) {
    process.stderr.write('usage: node tests/browser/run.mjs <path to the relais binary>\n');
    return 2;
  }
  const binary = path.resolve(binaryArg);
  const only = process.argv.slice(3);
  const chosen = only.length ? scenarios.filter((s) => only.includes(s.name.split('.')[0])) : scenarios;
  if (!fs.existsSync(binary)) {
    process.stderr.write(`run.mjs: ${binary} does not exist (build it with cargo build --locked)\n`);
    log(`0 passed, ${chosen.length} failed`);
    return 1;
  }
  if (!fs.existsSync(CHROMIUM)) {
    process.stderr.write(`run.mjs: ${CHROMIUM} does not exist: install the Debian package chromium\n`);
    log(`0 passed, ${chosen.length} failed`);
    return 1;
  }

  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  const server = new Server(binary);
  let browser = null;
  const onSignal = (sig) => {
    server.stopNow();
    process.stderr.write(`run.mjs: interrupted by ${sig}\n`);
    process.exit(1);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const watchdog = setTimeout(() => {
    process.stderr.write(`run.mjs: the whole run took more than ${WHOLE_RUN_TIMEOUT_MS / 60000} min, giving up\n`);
    server.stopNow();
    log(`0 passed, ${chosen.length} failed`);
    process.exit(1);
  }, WHOLE_RUN_TIMEOUT_MS);
  watchdog.unref();

  let passed = 0;
  let failed = 0;
  try {
    try {
      await server.start();
    } catch (err) {
      process.stderr.write(`run.mjs: the server did not start: ${err.message}\n--- server output ---\n${server.tail()}\n---------------------\n`);
      log(`0 passed, ${chosen.length} failed`);
      return 1;
    }

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    log(`Chromium ${browser.version()}, axe-core ${require('axe-core/package.json').version}, playwright-core ${require('playwright-core/package.json').version}`);

    for (const scenario of chosen) {
      const ctx = { failures: [], checked: 0, javaScriptEnabled: scenario.contextOptions?.javaScriptEnabled !== false };
      const context = await browser.newContext({
        viewport: MOBILE,
        locale: 'fr-FR',
        ...scenario.contextOptions,
      });
      context.setDefaultTimeout(ACTION_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
      const page = await context.newPage();
      await watchPage(page, server.baseUrl);
      try {
        await scenario.run(ctx, page, server);
      } catch (err) {
        const where = page.url() && page.url() !== 'about:blank' ? ` [on ${pathOf(page)}]` : '';
        ctx.failures.push(err instanceof TestFailure ? `${err.message}${where}` : `error${where}: ${err.stack || err}`);
        try {
          await page.screenshot({ path: path.join(ARTIFACTS, `failure-${slug(scenario.name)}.png`), fullPage: true });
        } catch {
          /* ignore */
        }
      } finally {
        await context.close().catch(() => {});
      }
      if (ctx.failures.length === 0) {
        passed += 1;
        log(`PASS ${scenario.name} (${ctx.checked} page checks)`);
      } else {
        failed += 1;
        log(`FAIL ${scenario.name}`);
        for (const f of ctx.failures) log(`    - ${f}`);
      }
    }
  } catch (err) {
    process.stderr.write(`run.mjs: ${err.stack || err}\n`);
    failed = chosen.length - passed;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (failed > 0) {
      log(`--- last server output ---\n${server.tail(30)}\n--------------------------`);
      log(`Screenshots: ${ARTIFACTS}`);
    }
    await server.stop();
    clearTimeout(watchdog);
  }
  log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
