// Imports: every dropped file with its status; a file's report (row, column, value, message); drop a file to upload it
// into exports/{tenant}/ and watch it become Accepted or Rejected.
import { getJson, tenantPath, upload } from '../api.js';
import { badge, h, panel, table } from '../dom.js';
import { dateTime, number } from '../format.js';

export const title = 'Imports';

const finished = new Set(['Accepted', 'Rejected', 'Duplicate', 'Failed']);

async function listImports(tenant) {
  try {
    return await getJson(tenantPath(tenant, '/imports'));
  } catch (error) {
    if (error.status === 404) return []; // a tenant without files yet: the first upload creates it
    throw error;
  }
}

async function showReport(tenant, id, target) {
  const detail = await getJson(tenantPath(tenant, `/imports/${encodeURIComponent(id)}`));
  const facts = [
    ['Status', badge(detail.status)], ['Format', detail.format ?? '—'], ['Rows', number(detail.rows)], ['Bad rows', number(detail.rowErrors)],
    ['Months', detail.firstMonth ? `${detail.firstMonth} … ${detail.lastMonth}` : '—'], ['Reason', detail.reason ?? '—'],
  ];
  target.replaceChildren(panel(`Report of ${detail.fileName}`,
    h('dl', { class: 'tiles' }, facts.map(([label, value]) => h('div', { class: 'tile' }, h('dt', {}, label), h('dd', {}, value)))),
    detail.errors.length === 0
      ? h('p', { class: 'note' }, 'No bad rows.')
      : h('div', { class: 'scroll' }, table([
        { label: 'Row', key: 'row', numeric: true, value: error => number(error.row) },
        { label: 'Column', key: 'column', value: error => error.column ?? '' },
        { label: 'Value', key: 'value', value: error => error.value ?? '' },
        { label: 'Message', key: 'message', value: error => error.message },
      ], detail.errors, { caption: `Bad rows of ${detail.fileName}` })),
    detail.totalErrors > detail.errors.length
      ? h('p', { class: 'note' }, `${number(detail.errors.length)} of ${number(detail.totalErrors)} errors listed.`) : null,
    detail.warnings.length ? h('ul', {}, detail.warnings.map(warning => h('li', {}, warning))) : null));
  target.querySelector('h3').setAttribute('id', 'report-title');
  return detail;
}

export async function render({ tenant, main, isCurrent, say }) {
  const listBox = h('div', { id: 'imports-list' });
  const reportBox = h('div', { id: 'import-report', 'aria-live': 'polite' });
  const input = h('input', { type: 'file', id: 'upload-input', multiple: true, accept: '.csv,.txt,.tsv,.xlsx,.xlsm,.zip,.json' });
  const progress = h('progress', { id: 'upload-progress', max: '1', value: '0', hidden: true, 'aria-label': 'Upload progress' });
  const uploadStatus = h('p', { id: 'upload-status', role: 'status', 'aria-live': 'polite' });
  const zone = h('section', { class: 'dropzone', id: 'dropzone', tabindex: '0', 'aria-label': 'Drop an export file here to upload it' },
    h('p', {}, `Drop an export here to upload it into exports/${tenant}/, or `,
      h('label', { for: 'upload-input' }, 'choose a file: '), input),
    progress, uploadStatus);

  const refresh = async () => {
    const rows = await listImports(tenant);
    rows.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    listBox.replaceChildren(rows.length === 0 ? h('p', {}, 'No file was dropped for this tenant yet.') : table([
      { label: 'Received', value: row => dateTime(row.receivedAt) },
      { label: 'File', key: 'fileName', value: row => h('button', { type: 'button', class: 'link', onclick: () => showReport(tenant, row.id, reportBox) }, row.fileName) },
      { label: 'Status', key: 'status', value: row => badge(row.status) },
      { label: 'Format', value: row => row.format ?? '—' },
      { label: 'Rows', numeric: true, value: row => number(row.rows) },
      { label: 'Bad rows', numeric: true, value: row => number(row.rowErrors) },
      { label: 'Reason', value: row => row.reason ?? '' },
    ], rows, { caption: 'Every dropped file' }));
    return rows;
  };

  const send = async file => {
    progress.hidden = false;
    progress.value = 0;
    uploadStatus.textContent = `Uploading ${file.name}…`;
    try {
      await upload(tenant, file, fraction => { progress.value = fraction; });
    } catch (error) {
      uploadStatus.textContent = `${file.name} was not uploaded: ${error.message}`;
      return;
    }
    uploadStatus.textContent = `${file.name} uploaded; waiting for it to be ingested…`;
    for (let attempt = 0; attempt < 120 && isCurrent(); attempt++) {
      const rows = await refresh();
      const found = rows.find(row => row.fileName === file.name && finished.has(row.status));
      if (found) {
        uploadStatus.replaceChildren(`${file.name}: `, badge(found.status));
        await showReport(tenant, found.id, reportBox);
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    uploadStatus.textContent = `${file.name} is still waiting to be ingested; refresh later.`;
  };

  // Several files dropped or chosen at once go up one after the other, each watched to its end.
  const sendAll = async files => {
    try {
      for (const file of files) await send(file);
    } catch (error) {
      uploadStatus.textContent = `The import list could not be read: ${error.message}`;
    }
  };
  input.addEventListener('change', () => sendAll([...input.files]));
  zone.addEventListener('dragover', event => { event.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', event => {
    event.preventDefault();
    zone.classList.remove('over');
    sendAll([...(event.dataTransfer?.files ?? [])]);
  });
  zone.addEventListener('keydown', event => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); input.click(); } });

  main.replaceChildren(h('div', { class: 'bar' }, h('h2', {}, 'Imports')), zone, panel('Files', listBox), reportBox);
  await refresh();
  if (!isCurrent()) return;
  say('');
}
