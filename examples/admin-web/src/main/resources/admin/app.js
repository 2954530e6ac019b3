// The admin page: plain DOM and fetch, no framework. Every element the browser test looks for has
// an id or a data- attribute, so the test does not depend on wording.
'use strict';

const $ = (sel) => document.querySelector(sel);
const OK = ['Installed', 'AlreadyInstalled', 'Upgraded', 'Downgraded', 'Reverted'];

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children) e.append(c);
  return e;
}

async function api(path, body) {
  const res = await fetch(path, body === undefined ? {} : {
    method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
  const json = await res.json();
  if (!res.ok) throw new Error(`${json.code}: ${json.message} (${json.nextStep})`);
  return json;
}

function badge(kind, value) {
  const v = String(value).toLowerCase();
  return el('span', {class: `badge ${kind}-${v}`, 'data-value': v}, v.replace('_', ' '));
}

async function loadCatalog() {
  const [catalog, plugins] = await Promise.all([
    api('/api/catalog?q=' + encodeURIComponent($('#search').value)), api('/api/plugins')]);
  const versions = Object.fromEntries(plugins.map((p) => [p.id, p.versions]));
  renderBanner(catalog.failedSources);
  const body = $('#catalog tbody');
  body.replaceChildren();
  $('#catalog-empty').hidden = catalog.plugins.length > 0;
  for (const p of catalog.plugins) {
    const action = el('td');
    if (p.installedVersion !== p.latestVersion) {
      const b = el('button', {class: 'install', type: 'button'}, p.installedVersion ? `Upgrade to ${p.latestVersion}` : 'Install');
      b.disabled = p.compatibility.status === 'INCOMPATIBLE';
      b.onclick = () => install(p.installSource);
      action.append(b);
    }
    if ((versions[p.id] || []).length > 1) {
      const r = el('button', {class: 'rollback', type: 'button'}, 'Roll back');
      r.onclick = () => rollback(p.id);
      action.append(r);
    }
    body.append(el('tr', {'data-plugin-id': p.id},
      el('td', {}, el('strong', {}, p.name), el('small', {}, `${p.id} — ${p.description}`)),
      el('td', {class: 'latest'}, p.latestVersion),
      el('td', {class: 'installed'}, p.installedVersion || '–', p.updateAvailable ? el('small', {}, 'update available') : ''),
      el('td', {class: 'compat', title: p.compatibility.reason}, badge('compat', p.compatibility.status)),
      el('td', {class: 'trust', title: `policy mode: ${p.trustMode}`}, badge('trust', p.trust)),
      action));
  }
}

function renderBanner(failed) {
  const banner = $('#banner');
  banner.replaceChildren();
  banner.hidden = failed.length === 0;
  for (const s of failed) {
    banner.append(el('div', {class: 'failed-source', 'data-source': s.source, 'data-code': s.error.code},
      `Catalog source unavailable: ${s.source} — ${s.error.code}: ${s.error.message} Next step: ${s.error.nextStep}`));
  }
}

function phaseItem(phase) {
  let li = document.querySelector(`#phases li[data-phase="${phase}"]`);
  if (!li) {
    li = el('li', {'data-phase': phase});
    $('#phases').append(li);
  }
  return li;
}

async function install(source) {
  $('#progress').hidden = false;
  $('#progress-title').textContent = `Install ${source}`;
  $('#phases').replaceChildren();
  showOutcome(null);
  const {job} = await api('/api/install', {source});
  const events = new EventSource(`/api/jobs/${job}/events`);
  events.addEventListener('phase', (e) => {
    const p = JSON.parse(e.data);
    // phases run one after another: the store reports when its phases start, not always when
    // they end, so a phase that starts closes the one before it
    if (p.state === 'started') {
      document.querySelectorAll('#phases li.started').forEach((li) => { li.className = 'finished'; });
    }
    const li = phaseItem(p.phase);
    li.className = p.state;
    li.textContent = `${p.phase}: ${p.detail}`;
  });
  events.addEventListener('outcome', async (e) => {
    events.close();
    const outcome = JSON.parse(e.data);
    const ok = OK.includes(outcome.type);
    document.querySelectorAll('#phases li.started').forEach((li) => { li.className = ok ? 'finished' : 'failed'; });
    if (!ok && outcome.phase) {
      phaseItem(outcome.phase).className = 'failed';
    }
    showOutcome(outcome);
    await refresh();
  });
}

async function rollback(id) {
  $('#progress').hidden = false;
  $('#progress-title').textContent = `Roll back ${id}`;
  $('#phases').replaceChildren();
  try {
    showOutcome(await api('/api/rollback', {id}));
  } catch (err) {
    showOutcome({type: 'Error', message: err.message});
  }
  await refresh();
}

function describe(o) {
  switch (o.type) {
    case 'Installed': return `Installed ${o.pluginId} ${o.version}.`;
    case 'AlreadyInstalled': return `${o.pluginId} ${o.version} was already installed.`;
    case 'Upgraded': return `Upgraded ${o.pluginId} from ${o.from} to ${o.to}.`;
    case 'Downgraded': return `Downgraded ${o.pluginId} from ${o.from} to ${o.to}.`;
    case 'Reverted': return `Rolled back ${o.pluginId} from ${o.from} to ${o.to}.`;
    case 'RolledBack': return `Install of ${o.pluginId} failed in phase ${o.phase} and was rolled back`
      + (o.restoredVersion ? ` (${o.restoredVersion} is current again)` : ' (nothing was left installed)')
      + `: ${o.cause.code}: ${o.cause.message} Next step: ${o.cause.nextStep}`;
    case 'Failed': return `Failed in phase ${o.phase}: ${o.cause.code}: ${o.cause.message} Next step: ${o.cause.nextStep}`;
    default: return `Error: ${o.message}`;
  }
}

function showOutcome(o) {
  const box = $('#outcome');
  if (!o) {
    box.replaceChildren();
    box.removeAttribute('data-outcome');
    return;
  }
  const ok = OK.includes(o.type);
  box.className = ok ? 'outcome-ok' : 'outcome-failed';
  box.setAttribute('data-outcome', o.type);
  box.textContent = describe(o);
}

async function loadDoctor() {
  const d = await api('/api/doctor');
  const health = $('#doctor-health');
  health.className = `badge ${d.healthy ? 'health-ok' : 'health-problems'}`;
  health.setAttribute('data-healthy', String(d.healthy));
  health.textContent = d.healthy ? 'healthy' : 'problems';
  $('#doctor-text').textContent = d.text;
}

async function refresh() {
  await Promise.all([loadCatalog(), loadDoctor()]);
  document.body.setAttribute('data-ready', String(Date.now()));
}

$('#search-form').addEventListener('submit', (e) => { e.preventDefault(); loadCatalog(); });
$('#doctor-refresh').addEventListener('click', loadDoctor);
refresh();
