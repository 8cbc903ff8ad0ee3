// What every browser journey needs: Debian's Chromium driven by playwright-core (never a browser
// downloaded by a test tool), a French 1440×900 screen in Paris time, a screenshot per step kept under
// target/, and the journey's outcome as JSON on stdout (the JUnit test that started us reads it).
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const baseUrl = required('BASE_URL');
const shotDir = process.env.SCREENSHOT_DIR || 'target/browser';
const prefix = process.env.SCREENSHOT_PREFIX || 'journeys';
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is missing`);
  }
  return value;
}

export function env(name) {
  return required(name);
}

export async function launch() {
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: install Debian's package (apt-get install chromium)`);
  }
  mkdirSync(shotDir, { recursive: true });
  // as root in a container, without the background services that this machine's closed network refuses
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
  });
}

export async function newPage(browser, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    ...options
  });
  context.setDefaultTimeout(30000);
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('pageerror', error => page.consoleErrors.push(String(error)));
  return page;
}

/** A journey: named steps, each ending with a screenshot; the first failure ends it with one too. */
export class Journey {
  constructor(name) {
    this.name = name;
    this.steps = [];
    this.facts = {};
  }

  async step(page, title, action) {
    const number = String(this.steps.length + 1).padStart(2, '0');
    const file = join(shotDir, `${prefix}-${this.name}-${number}-${slug(title)}.png`);
    try {
      await action();
      await page.screenshot({ path: file });
      this.steps.push({ title, screenshot: file, ok: true });
    } catch (error) {
      await page.screenshot({ path: file }).catch(() => {});
      this.steps.push({ title, screenshot: file, ok: false, error: String(error && error.message || error) });
      throw error;
    }
  }

  fact(name, value) {
    this.facts[name] = value;
  }
}

/** Runs the journeys one after the other and prints one JSON report; exit code 1 on a failure. */
export async function run(journeys) {
  const browser = await launch();
  const report = [];
  let failed = false;
  try {
    const only = process.env.JOURNEYS ? process.env.JOURNEYS.split(',') : null;
    for (const [name, body] of journeys.filter(([name]) => !only || only.includes(name))) {
      const journey = new Journey(name);
      try {
        await body(browser, journey);
        report.push({ journey: name, ok: true, steps: journey.steps, facts: journey.facts });
      } catch (error) {
        failed = true;
        report.push({ journey: name, ok: false, error: String(error && error.stack || error), steps: journey.steps,
          facts: journey.facts });
        break;
      }
    }
  } finally {
    await browser.close();
  }
  const json = JSON.stringify(report, null, 2);
  writeFileSync(join(shotDir, `${prefix}-report.json`), json);
  console.log(json);
  process.exit(failed ? 1 : 0);
}

/** basic: the default run (Tasklist's own login page, HTTP Basic for our pages); keycloak: Keycloak's login page. */
export const loginMode = process.env.LOGIN || 'basic';

async function keycloakLogin(page, user, password) {
  await page.locator('#kc-form-login').waitFor();
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
}

/** The process engine the webapps show: `default`, or ENGINE when the application names its engine otherwise. */
export const engine = process.env.ENGINE || 'default';

/** Logs in to a Camunda webapp (tasklist, cockpit, admin) the way the application asks: its own login page, or Keycloak's. */
export async function webappLogin(page, app, user, password = user) {
  await page.goto(`${baseUrl}/camunda/app/${app}/${engine}/`);
  if (loginMode === 'keycloak') {
    await keycloakLogin(page, user, password);
  } else {
    await page.locator('input[ng-model=username]').fill(user);
    await page.locator('input[ng-model=password]').fill(password);
    await page.locator('button[type=submit]').click();
  }
}

/** Logs in to Tasklist and waits for its filters. */
export async function tasklistLogin(page, user, password = user) {
  await webappLogin(page, 'tasklist', user, password);
  await page.locator('.task-filter').first().waitFor();
}

/** A page of ours (overview, invoice page) opened as `user`: HTTP Basic, or Keycloak's login page. */
export async function newPageAs(browser, user, password = user) {
  return newPage(browser, loginMode === 'basic' ? { httpCredentials: { username: user, password } } : {});
}

export async function openAs(page, url, user, password = user) {
  await page.goto(url);
  if (loginMode === 'keycloak' && await page.locator('#kc-form-login').count() > 0) {
    await keycloakLogin(page, user, password);
    await page.waitForURL(address => address.toString().startsWith(baseUrl));
  }
}

/** Opens a shared filter by its name, then the task of the invoice whose number the task's name carries. */
export async function openTask(page, filterName, invoiceNumber) {
  // the filter column, folded while a document was shown beside a form, is opened again
  if (await page.locator('.three-cols-layout.filters-column-close').count() > 0) {
    await page.locator('button.region-toggle[data-region="filters"]').click();
  }
  const filter = page.locator('.task-filter h4.name a').filter({ hasText: filterName }).first();
  await filter.click();
  // the list shows 15 tasks a page: turn the pages, and look again while the task is being created
  const task = page.locator('.tasks-list a').filter({ hasText: invoiceNumber }).first();
  const deadline = Date.now() + 60000;
  await page.locator('.tasks-list').first().waitFor();
  while (!(await task.isVisible())) {
    if (Date.now() > deadline) {
      throw new Error(`no task for invoice ${invoiceNumber} in the list "${filterName}"`);
    }
    const next = page.locator('.tasks-list .pagination-next:not(.disabled) a');
    if (await next.count() > 0) {
      await next.first().click();
    } else {
      await page.waitForTimeout(1000);
      await filter.click();
    }
    await page.waitForTimeout(500);
  }
  await task.click();
  await page.locator('.task-card h2.task').filter({ hasText: invoiceNumber }).waitFor();
  await page.locator('.fjs-form').waitFor();
}

/** Takes the task (Tasklist's "Prendre"), which makes the form editable. */
export async function claim(page) {
  await page.locator('.task-card button.claim').click();
  await page.locator('.task-card .disabled-form').waitFor({ state: 'detached' });
}

/** Tasklist's "Terminer" button of the form. */
export function completeButton(page) {
  return page.locator('.task-card .form-actions button.btn-primary');
}

function slug(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '').slice(0, 50);
}
