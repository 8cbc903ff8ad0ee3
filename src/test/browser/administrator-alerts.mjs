// The banner of managers and administrators, in a real browser (see TechnicalAccountWarningsIT, which
// starts the application with a Chorus Pro technical password expiring within 15 days): on Cockpit's
// dashboard for an administrator, on the overview for a manager.
//
//   BASE_URL=http://localhost:8080 node src/test/browser/administrator-alerts.mjs
//
// Environment: BASE_URL; ENGINE (the process engine's name, default); SCREENSHOT_DIR, CHROMIUM.
import { baseUrl, newPage, newPageAs, openAs, run, webappLogin } from './browser.mjs';

async function cockpit(browser, journey) {
  const page = await newPage(browser);
  await journey.step(page, 'Cockpit avec le bandeau du compte technique', async () => {
    await webappLogin(page, 'cockpit', 'demo');
    const banner = page.locator('.facteur-alert');
    await banner.first().waitFor();
    await page.locator('.facteur-links a').first().waitFor();
    journey.fact('cockpitBanners', await banner.allInnerTexts());
    // above the dashboard's own sections
    journey.fact('bannerAboveDashboard', await banner.first().evaluate(element => {
      const first = document.querySelector('.dashboard section, .dashboard .dashboard-row, .dashboard h1, .dashboard h3');
      return !first || Boolean(element.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
    }));
  });
  await page.context().close();
}

async function overview(browser, journey) {
  const page = await newPageAs(browser, 'manager');
  await journey.step(page, 'l apercu avec le meme bandeau', async () => {
    await openAs(page, `${baseUrl}/apercu/`, 'manager');
    const banner = page.locator('.banner[role=alert]');
    await banner.first().waitFor();
    journey.fact('overviewBanners', await banner.allInnerTexts());
  });
  await page.context().close();
  const validator = await newPageAs(browser, 'valideur');
  await journey.step(validator, 'pas de bandeau pour un valideur', async () => {
    await openAs(validator, `${baseUrl}/televersement/`, 'valideur');
    await validator.locator('header').waitFor();
    journey.fact('validatorBanners', await validator.locator('.banner').count());
  });
  await validator.context().close();
}

await run([['administrateur', cockpit], ['manager', overview]]);
