// The circuit as people work it, in a real browser (see BrowserJourneysIT, which starts the
// application, uploads the invoice and checks the outcome in the database):
// a validator finds the invoice by its number in the group's list, sees the document beside the fields
// and the reading marks, approves; an accountant mandates it, types a payment date in French that is
// refused with its reason, then a right one; a manager opens the overview and the invoice's page; an
// administrator finds Cockpit, Admin and the welcome page in French with the links they may follow.
//
//   BASE_URL=http://localhost:8080 INVOICE_NUMBER=FD-2026-0412 node src/test/browser/invoice-circuit.mjs
//
// Environment: BASE_URL, INVOICE_NUMBER, INVOICE_ID, MANDATE_NUMBER; LOGIN=basic (default run) or
// keycloak (Keycloak's login page; the realm's users have the demo users' passwords); SCREENSHOT_DIR (target/browser), CHROMIUM (/usr/bin/chromium);
// JOURNEYS=paiement,manager to run some of them only.
import { baseUrl, claim, completeButton, env, newPage, newPageAs, openAs, openTask, run, tasklistLogin, webappLogin }
  from './browser.mjs';

const number = env('INVOICE_NUMBER');
const invoiceId = env('INVOICE_ID');
const mandateNumber = env('MANDATE_NUMBER');

/** Today in Paris as a French date (jj/mm/aaaa). */
function todayInParis() {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' })
    .format(new Date());
}

/** Completed: the task leaves the list and Tasklist asks for another one. */
async function expectCompleted(page) {
  await page.locator('.tasks-list a').filter({ hasText: number }).first().waitFor({ state: 'detached' });
  await page.locator('.no-task').waitFor();
}

async function validator(browser, journey) {
  const page = await newPage(browser);
  await journey.step(page, 'valideur se connecte a Tasklist', async () => {
    await tasklistLogin(page, 'valideur');
    // the header's links: only those the person may follow (no overview for a validator)
    await page.getByRole('link', { name: 'Déposer une facture' }).waitFor();
    await page.waitForTimeout(300);
    journey.fact('headerLinks', await page.locator('li.facteur-overview-link a').allInnerTexts());
  });
  await journey.step(page, 'la tache de la facture choisie par son numero', async () => {
    await openTask(page, 'À valider — par échéance', number);
    const name = await page.locator('.task-card h2.task').innerText();
    journey.fact('taskName', name.trim());
  });
  await journey.step(page, 'le document a gauche des champs', async () => {
    const pane = page.locator('.task-card .facteur-document');
    const firstPage = pane.locator('img').first();
    await firstPage.waitFor();
    await page.waitForFunction(image => image.complete && image.naturalWidth > 0, await firstPage.elementHandle());
    const documentBox = await pane.boundingBox();
    const formBox = await page.locator('.task-card [cam-tasklist-form]').boundingBox();
    journey.fact('documentBox', documentBox);
    journey.fact('formBox', formBox);
    if (documentBox.x + documentBox.width > formBox.x + 1) {
      throw new Error(`the document is not on the left of the fields: ${JSON.stringify({ documentBox, formBox })}`);
    }
    if (Math.abs(documentBox.y - formBox.y) > 60 || documentBox.width < 400 || formBox.width < 400) {
      throw new Error(`the document and the fields are not side by side: ${JSON.stringify({ documentBox, formBox })}`);
    }
    journey.fact('pageImageWidth', await firstPage.evaluate(image => image.naturalWidth));
  });
  await journey.step(page, 'les marques de lecture et de controle', async () => {
    const notes = page.locator('.fjs-form li').filter({ hasText: /Vérifié|Lecture/ });
    await notes.first().waitFor();
    journey.fact('readingNotes', await notes.allInnerTexts());
    // beside each field: proven by a check, or read with a low confidence
    await page.locator('.fjs-form label').filter({ hasText: 'Total TTC' }).locator('.facteur-mark-proven').waitFor();
    const marked = page.locator('.fjs-form label').filter({ has: page.locator('.facteur-mark') });
    journey.fact('fieldMarks', (await marked.allInnerTexts()).map(text => text.replace(/\s+/g, ' ').trim()));
    await marked.first().scrollIntoViewIfNeeded();
    journey.fact('issueDateShown', await page.locator('.fjs-form').getByLabel('Date de facture').inputValue());
    const ttc = page.locator('.fjs-form-field-number').filter({ hasText: 'Total TTC' });
    journey.fact('totalTtcShown', `${await ttc.locator('.facteur-amount').innerText()} ${await ttc.locator('.fjs-input-adornment-text').innerText()}`);
  });
  await journey.step(page, 'la facture est validee', async () => {
    await claim(page);
    await page.getByLabel('Valider la facture (service fait)').check();
    await completeButton(page).click();
    await expectCompleted(page);
  });
  await journey.step(page, 'la page d accueil ne montre que les liens permis', async () => {
    await page.goto(`${baseUrl}/camunda/app/welcome/default/`);
    await page.locator('.facteur-links a').first().waitFor();
    journey.fact('welcomeLinks', await page.locator('.facteur-links a .h4').allInnerTexts());
  });
  await page.context().close();
}

async function accountant(browser, journey) {
  const page = await newPage(browser);
  await journey.step(page, 'comptable se connecte a Tasklist', () => tasklistLogin(page, 'comptable'));
  await journey.step(page, 'la facture est mandatee', async () => {
    await openTask(page, 'À mandater', number);
    await claim(page);
    await page.getByLabel('N° de mandat').fill(mandateNumber);
    await completeButton(page).click();
    await expectCompleted(page);
  });
  await page.context().close();
}

async function payment(browser, journey) {
  const page = await newPage(browser);
  await journey.step(page, 'comptable se connecte a Tasklist', () => tasklistLogin(page, 'comptable'));
  const paymentDate = page.getByLabel('Date de mise en paiement');
  await journey.step(page, 'une date de paiement anterieure a la facture est refusee', async () => {
    await openTask(page, 'À payer', number);
    await claim(page);
    // the forms' own words in French: the required field, the date's placeholder, the calendar
    await completeButton(page).click();
    await page.locator('.fjs-form').getByText('Champ obligatoire.').first().waitFor();
    journey.fact('datePlaceholder', await paymentDate.getAttribute('placeholder'));
    await page.locator('.fjs-form-field-datetime .fjs-input-adornment').first().click();
    const calendar = page.locator('.flatpickr-calendar.open');
    await calendar.locator('.flatpickr-weekday').first().waitFor();
    await page.waitForTimeout(200);
    journey.fact('calendarWeekdays', (await calendar.locator('.flatpickr-weekdays').innerText()).replace(/\s+/g, ' ').trim());
    journey.fact('calendarMonth', await calendar.locator('.flatpickr-current-month').innerText());
    await paymentDate.fill('02/01/2020');
    await paymentDate.press('Tab');
    await completeButton(page).click();
    await page.getByText('La date de mise en paiement 02/01/2020 précède').first().waitFor();
    journey.fact('refusal', await page.getByText('La date de mise en paiement 02/01/2020 précède').first().innerText());
  });
  await journey.step(page, 'la facture est mise en paiement a la date du jour', async () => {
    const today = todayInParis();
    journey.fact('paymentDate', today);
    await paymentDate.fill(today);
    await paymentDate.press('Tab');
    await completeButton(page).click();
    await expectCompleted(page);
  });
  await page.context().close();
}

async function manager(browser, journey) {
  const page = await newPageAs(browser, 'manager');
  await journey.step(page, 'le manager ouvre l apercu', async () => {
    await openAs(page, `${baseUrl}/apercu/`, 'manager');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    journey.fact('overviewTitle', await page.title());
  });
  await journey.step(page, 'la fiche de la facture', async () => {
    await page.goto(`${baseUrl}/apercu/factures/${invoiceId}`);
    await page.getByText(number).first().waitFor();
    await page.getByText(mandateNumber).first().waitFor();
    journey.fact('invoicePage', (await page.locator('body').innerText()).slice(0, 2000));
  });
  await page.context().close();
}

/** The visible text of the page, on one line. */
async function text(page) {
  return (await page.locator('body').innerText()).replace(/\s+/g, ' ');
}

async function administrator(browser, journey) {
  const page = await newPage(browser);
  await journey.step(page, 'Cockpit en francais avec les liens de Facteur', async () => {
    await webappLogin(page, 'cockpit', 'demo');
    await page.locator('.facteur-links a').first().waitFor();
    await page.getByText('Instances de processus en cours').first().waitFor();
    journey.fact('cockpitLinks', await page.locator('.facteur-links a').allInnerTexts());
    journey.fact('cockpitPage', await text(page));
  });
  await journey.step(page, 'Admin en francais', async () => {
    await page.goto(`${baseUrl}/camunda/app/admin/default/#/users`);
    await page.getByText('Liste des utilisateurs').first().waitFor();
    await page.locator('table').getByText('valideur').first().waitFor();
    journey.fact('adminPage', await text(page));
  });
  await journey.step(page, 'la page d accueil avec tous les liens d un administrateur', async () => {
    await page.goto(`${baseUrl}/camunda/app/welcome/default/`);
    await page.locator('.facteur-links a').first().waitFor();
    journey.fact('welcomeLinks', await page.locator('.facteur-links a .h4').allInnerTexts());
    journey.fact('welcomePage', await text(page));
  });
  await page.context().close();
}

await run([['validateur', validator], ['comptable', accountant], ['paiement', payment],
  ['manager', manager], ['administrateur', administrator]]);
