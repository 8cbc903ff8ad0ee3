// Facteur: the invoice's document beside the task's fields, inside Tasklist.
//
// When a task whose process carries a `documentId` (every reception and emission task) shows its
// form, the document (a PDF's pages drawn by the server, an image, an XML as text — /api/documents,
// readable with the Tasklist session) is shown on the left of the form and the fields on the right.
// The filter column is folded once, with Tasklist's own control (the person can open it again), so
// that a 1440-pixel screen gives both about 500 pixels. Below 1100 pixels the document goes above.
//
// Beside each field's label, its reading mark (/api/invoices/{id}/reading): "✓ vérifié : …" for a
// field a check of the invoice proves, "⚠ lu avec une confiance de …" for one to check on the document.
//
// Tasklist has no plugin point beside its form (task-detail plugins are tabs, shown instead of the
// form), so this plugin renders nothing in the header: it watches the task column and adds the pane.
import { addStyle, watchPage } from './facteur-page.js';

const PANE_CLASS = 'facteur-document';
const ENGINE = '/camunda/api/engine/engine/default';
const MAX_PAGES = 20;
const STYLE = `
.form-pane.facteur-with-document { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.form-pane.facteur-with-document > .${PANE_CLASS} { flex: 1 1 440px; min-width: 0; position: sticky; top: 0; }
.form-pane.facteur-with-document > [cam-tasklist-form] { flex: 1 1 440px; min-width: 0; }
.${PANE_CLASS} header { display: flex; justify-content: space-between; align-items: baseline; margin: 4px 0; }
.${PANE_CLASS} header h3 { font-size: 15px; margin: 0; }
.${PANE_CLASS} .facteur-document-body { max-height: calc(100vh - 230px); min-height: 480px; overflow: auto; border: 1px solid #ccc; background: #f4f4f4; }
.${PANE_CLASS} .facteur-document-body img { display: block; width: 100%; margin: 0 0 8px; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
.${PANE_CLASS} iframe { width: 100%; height: calc(100vh - 240px); min-height: 470px; border: 0; background: #fff; }
.${PANE_CLASS} .facteur-document-missing { color: #a94442; }
/* the form has half the column: its rows wrap into fields of 200 pixels at least */
.form-pane.facteur-with-document .fjs-layout-row { flex-wrap: wrap; }
.form-pane.facteur-with-document .fjs-layout-column { flex: 1 1 200px !important; max-width: 100% !important; }
.fjs-form label:has(.facteur-mark) { white-space: normal; overflow: visible; }
.facteur-mark { display: block; width: fit-content; margin: 2px 0 0; padding: 0 6px; border-radius: 3px; font-size: 11px; font-weight: normal; }
.facteur-mark-proven { color: #1e6b34; background: #e3f4e8; }
.facteur-mark-doubtful { color: #7a4b00; background: #fff1d6; }
`;

let filtersFolded = false;
// the reading marks of the task on screen, by the form component's id
const marks = { taskId: null, byComponent: null };

function taskIdInLocation() {
  const match = window.location.hash.match(/[?&]task=([^&]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

function json(url) {
  return fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
    .then(response => response.ok ? response.json() : null);
}

function variableOf(taskId, name) {
  return json(`${ENGINE}/task/${encodeURIComponent(taskId)}/variables/${name}`)
    .then(variable => variable && variable.value != null ? String(variable.value) : null);
}

function componentsByKey(components, found = {}) {
  (components || []).forEach(component => {
    if (component.key) {
      found[component.key] = component.id;
    }
    componentsByKey(component.components, found);
  });
  return found;
}

function loadMarks(taskId) {
  marks.taskId = taskId;
  marks.byComponent = null;
  Promise.all([variableOf(taskId, 'invoiceId'), json(`${ENGINE}/task/${encodeURIComponent(taskId)}/deployed-form`)])
    .then(([invoiceId, form]) => invoiceId && form && form.components
      ? json(`/api/invoices/${encodeURIComponent(invoiceId)}/reading`).then(reading => ({ reading, form }))
      : null)
    .then(found => {
      if (!found || !found.reading || marks.taskId !== taskId) {
        return;
      }
      const ids = componentsByKey(found.form.components);
      marks.byComponent = {};
      found.reading.marks.filter(mark => ids[mark.field]).forEach(mark => {
        marks.byComponent[ids[mark.field]] = mark;
      });
      decorate();
    })
    .catch(() => {});
}

function decorate() {
  if (!marks.byComponent) {
    return;
  }
  Object.entries(marks.byComponent).forEach(([componentId, mark]) => {
    const label = document.querySelector(`.task-details .fjs-form label[for$="-${componentId}"]`);
    if (label && !label.querySelector('.facteur-mark')) {
      const badge = document.createElement('span');
      const proven = mark.level === 'PROVEN';
      badge.className = `facteur-mark facteur-mark-${proven ? 'proven' : 'doubtful'}`;
      badge.textContent = (proven ? '✓ ' : '⚠ ') + mark.text;
      badge.title = mark.confidence != null ? `Confiance de la lecture : ${Math.round(mark.confidence * 100)} %`
        : 'Valeur reçue telle quelle';
      label.appendChild(badge);
    }
  });
}

function foldFiltersOnce() {
  if (filtersFolded) {
    return;
  }
  filtersFolded = true;
  const layout = document.querySelector('.three-cols-layout');
  const toggle = document.querySelector('button.region-toggle[data-region="filters"]');
  if (layout && toggle && !layout.classList.contains('filters-column-close') && window.innerWidth >= 1100) {
    toggle.click();
  }
}

// A PDF is shown as its pages drawn by the server (Tasklist's page is sandboxed, so the browser's
// own PDF viewer is not allowed in it), an image as itself, an XML as text.
function documentPane(documentId, view) {
  const url = `/api/documents/${encodeURIComponent(documentId)}`;
  const pane = document.createElement('aside');
  pane.className = PANE_CLASS;
  pane.setAttribute('aria-label', 'Document de la facture');
  const header = document.createElement('header');
  const title = document.createElement('h3');
  title.textContent = 'Document de la facture' + (view && view.pages > 1 ? ` (${view.pages} pages)` : '');
  const open = document.createElement('a');
  open.href = url;
  open.target = '_blank';
  open.rel = 'noopener';
  open.textContent = view && view.display === 'none' ? 'Télécharger' : 'Ouvrir dans un onglet';
  if (view && view.display === 'none') {
    open.setAttribute('download', view.filename || 'document');
  }
  header.append(title, open);
  const body = document.createElement('div');
  body.className = 'facteur-document-body';
  if (!view || view.display === 'none') {
    const missing = document.createElement('p');
    missing.className = 'facteur-document-missing';
    missing.textContent = view
      ? 'L\'image est trop grande ou illisible pour être affichée ici : téléchargez-la (lien ci-dessus).'
      : 'Le document ne peut pas être affiché ici (PDF chiffré ou endommagé) : ouvrez-le dans un onglet.';
    body.append(missing);
  } else if (view.display === 'pages' || view.display === 'image') {
    const count = view.display === 'pages' ? Math.min(view.pages, MAX_PAGES) : 1;
    for (let page = 1; page <= count; page++) {
      const image = document.createElement('img');
      image.src = view.display === 'pages' ? `${url}/pages/${page}` : url;
      image.alt = `Page ${page} du document de la facture`;
      image.loading = page > 2 ? 'lazy' : 'eager';
      body.append(image);
    }
    if (view.pages > count) {
      const more = document.createElement('p');
      more.textContent = `${view.pages - count} pages de plus : ouvrez le document dans un onglet.`;
      body.append(more);
    }
  } else {
    const frame = document.createElement('iframe');
    frame.title = 'Document de la facture';
    frame.src = url;
    body.append(frame);
  }
  pane.append(header, body);
  return pane;
}

function showDocument(formPane, taskId) {
  formPane.dataset.facteurTask = taskId;
  formPane.classList.remove('facteur-with-document');
  formPane.querySelectorAll(`:scope > .${PANE_CLASS}`).forEach(old => old.remove());
  loadMarks(taskId);
  variableOf(taskId, 'documentId')
    .then(documentId => documentId
      ? json(`/api/documents/${encodeURIComponent(documentId)}/view`).catch(() => null)
        .then(view => ({ documentId, view }))
      : null)
    .then(found => {
      // the person may have opened another task meanwhile
      if (!found || formPane.dataset.facteurTask !== taskId || !formPane.isConnected) {
        return;
      }
      formPane.prepend(documentPane(found.documentId, found.view));
      formPane.classList.add('facteur-with-document');
      foldFiltersOnce();
    })
    .catch(() => {});
}

function refresh() {
  const formPane = document.querySelector('.task-details .form-pane');
  const taskId = taskIdInLocation();
  if (formPane && taskId && formPane.dataset.facteurTask !== taskId) {
    showDocument(formPane, taskId);
  }
  if (formPane && taskId === marks.taskId) {
    decorate();
  }
}

export default {
  id: 'facteur-document-beside-fields',
  pluginPoint: 'tasklist.navbar.action',
  priority: 0,
  render: () => {
    addStyle(STYLE);
    watchPage(refresh);
    window.addEventListener('hashchange', refresh);
    refresh();
  }
};
