// The compliance console: reads the access audit log through the gateway (POST /graphql with a
// compliance token and purpose access-review). A native module with no dependencies beyond
// /shared/claims.js, because the page runs on a government network under a strict CSP: no inline
// code or styles, nothing from other hosts. Every value from the server reaches the page through textContent or attributes,
// never innerHTML.

import { decodeClaims } from '/shared/claims.js';

const TOKEN_KEY = 'compliance-console.token';
const PURPOSE = 'access-review';
const PAGE_SIZE = 50;
const REFUSED_SHOWN = 20;
const DEFAULT_DAYS = 7;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** Beyond this many bars the chart is unreadable; the table still has every number. */
const MAX_CHART_DAYS = 731;

// Named operations: the audit log records the operation name, so the console's own reads are
// recognisable in it.
const EVENT_FIELDS = `seq recordedAt requestId outcome status code department subject app purpose caseId
  operationName operationHash citizenIds fieldsReturned fieldsDenied durationMs clientAddress asOf unavailableSubgraphs hash`;
const EVENTS_QUERY = `query ComplianceConsoleEvents($filter: AuditFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) { events { ${EVENT_FIELDS} } endCursor } }`;
const TOTALS_QUERY = `query ComplianceConsoleTotals($from: String!, $to: String!) {
  auditTotals(from: $from, to: $to) { day department requests refused } }`;
const VOLUMES_QUERY = `query ComplianceConsoleVolumes($from: String!, $to: String!, $minCitizens: Int) {
  auditUnusualVolumes(from: $from, to: $to, minCitizens: $minCitizens) { hour department subject citizens requests } }`;
const VERIFY_QUERY = `query ComplianceConsoleVerify {
  auditChainVerification { intact checked brokenAt problem verifiedAt checkpoints } }`;

/** The chart's name for requests refused before the caller was known (no department recorded). */
const UNIDENTIFIED = '(caller not identified)';

const OUTCOMES = { ALLOWED: 'Allowed', PARTLY_DENIED: 'Partly denied', REFUSED: 'Refused', FAILED: 'Failed' };

/** Every AuditEvent field, in the order the detail panel lists them. */
const DETAIL_FIELDS = [
  ['seq', 'Sequence number'], ['recordedAt', 'Recorded at'], ['requestId', 'Request ID'],
  ['outcome', 'Outcome'], ['status', 'HTTP status'], ['code', 'Code'], ['department', 'Department'],
  ['subject', 'Subject'], ['app', 'Application'], ['purpose', 'Purpose'], ['caseId', 'Case ID'],
  ['operationName', 'Operation name'], ['operationHash', 'Operation hash'], ['citizenIds', 'Citizen IDs'],
  ['fieldsReturned', 'Fields returned'], ['fieldsDenied', 'Fields denied'], ['durationMs', 'Duration'],
  ['clientAddress', 'Client address'], ['asOf', 'Answers as of'], ['unavailableSubgraphs', 'Subgraphs unavailable'],
  ['hash', 'Chain hash'],
];
/** Fields listed only when they hold something: nearly every record has none, and "none" would be noise. */
const LISTED_WHEN_SET = new Set(['unavailableSubgraphs']);
const MONOSPACE_FIELDS = new Set(['requestId', 'operationHash', 'hash', 'citizenIds', 'clientAddress']);

/** Colour-blind-safe colours (Okabe-Ito and Tol), dark enough for white hatching to show on them. */
const PALETTE = ['#0072B2', '#D55E00', '#117733', '#AA4499', '#332288', '#886600', '#882255',
  '#2A8C7E', '#C2185B', '#555555', '#6A3D9A', '#1F5F8B'];

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- state

let session = null;            // { token, claims } while signed in
let sessionAbort = new AbortController(); // aborted on sign-out, so late answers never repaint
const knownEvents = new Map(); // seq → AuditEvent, from results and the refused list, for Details
const problems = new Map();    // source → message shown in the alert region
const search = { inFlight: false, resubmit: null, generation: 0, filter: null, cursor: null, count: 0 };
let overview = { generation: 0, volumesRequest: 0, period: null, chart: null, chartWidth: 0 };
let detailOpener = null;
// Taken out of the document while signed in, not just hidden: label lookups (assistive tools,
// browser tests) also see hidden fields, and "Token" would be found when looking for "To".
const signInSection = $('sign-in');

// ---------------------------------------------------------------- small helpers

/** Element builders; strings among the children become text nodes, so data is never parsed as HTML. */
const builder = (create) => (tag, attrs = {}, ...children) => {
  const node = create(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};
const el = builder((tag) => document.createElement(tag));
const svgEl = builder((tag) => document.createElementNS('http://www.w3.org/2000/svg', tag));

const fmtNumber = (n) => (typeof n === 'number' ? n.toLocaleString() : '—');
const plural = (n, one, many) => `${fmtNumber(n)} ${n === 1 ? one : many}`;

/** ISO-like UTC, the same on every workstation: "2026-11-26 09:15:02 UTC". */
function fmtTime(iso, seconds = true) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return iso ? String(iso) : '—';
  return `${date.toISOString().slice(0, seconds ? 19 : 16).replace('T', ' ')} UTC`;
}

// datetime-local inputs carry no time zone; the console reads them as UTC (and says so on the
// page) so that officers in different offices looking at one period see the same records.
const toInputValue = (date) => date.toISOString().slice(0, 16);
function inputToIso(value) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const iso = value.length === 16 ? `${value}:00Z` : `${value.slice(0, 19)}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** Marks a button busy without `disabled`, which would drop keyboard focus to the page top. */
async function whileBusy(button, work) {
  if (button.getAttribute('aria-disabled') === 'true') return undefined;
  button.setAttribute('aria-disabled', 'true');
  button.classList.add('busy');
  try {
    return await work();
  } finally {
    button.removeAttribute('aria-disabled');
    button.classList.remove('busy');
  }
}

function showFieldError(input, message) {
  const error = $(`${input.id}-error`);
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  error.textContent = message ?? '';
  error.hidden = !message;
}

// ---------------------------------------------------------------- errors

class ApiError extends Error {
  constructor(message, code, status, requestId) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.requestId = requestId;
  }
}

/** Messages are grouped by source so one panel's success never hides another panel's failure. */
function report(source, message) {
  problems.set(source, message);
  renderAlerts();
}

function clearReport(source) {
  if (problems.delete(source)) renderAlerts();
}

function renderAlerts() {
  const box = $('alerts');
  if (problems.size === 0) return box.replaceChildren();
  const list = el('ul');
  for (const [source, message] of problems) list.append(el('li', {}, el('strong', {}, `${source}: `), message));
  box.replaceChildren(list);
}

function describe(error) {
  if (!(error instanceof ApiError)) return `Unexpected problem in the console: ${error?.message ?? error}`;
  const tags = [error.code, error.status ? `HTTP ${error.status}` : null].filter(Boolean).join(', ');
  let text = tags ? `${error.message} (${tags})` : error.message;
  if (error.code === 'AUDIT_UNAVAILABLE') text += ' The audit store is down, so nothing can be read; try again in a few minutes.';
  if (error.requestId) text += ` Request ID ${error.requestId}.`;
  return text;
}

/**
 * The one place failures go: a rejected token ends the session; anything else goes to the alert
 * region and, when given, to the panel's own status line (what), so it is seen where the officer
 * is looking and not only at the top of a long page.
 */
function fail(source, error, line, what) {
  if (error?.name === 'AbortError') return;
  if (error instanceof ApiError && (error.status === 401 || error.code === 'UNAUTHENTICATED')) {
    signOut(`The gateway did not accept the token: ${error.message} Paste a new token and choose "Use token".`);
    return;
  }
  const message = describe(error);
  // Every panel meets a down audit store at once: say it once.
  if (error?.code === 'AUDIT_UNAVAILABLE') {
    problems.delete(source);
    report('Audit store', message);
  } else {
    report(source, message);
  }
  if (line) {
    line.textContent = `${what}: ${message}`;
    line.classList.add('failed');
  }
}

/** A panel's status line, no longer showing a failure. */
function progress(line, text) {
  line.classList.remove('failed');
  line.textContent = text;
}

function errorFrom(response, body) {
  const errors = Array.isArray(body?.errors) ? body.errors : [];
  const message = [...new Set(errors.map((e) => e?.message).filter(Boolean))].join(' ')
    || `The gateway answered HTTP ${response.status} ${response.statusText} without an explanation.`;
  return new ApiError(message, errors[0]?.extensions?.code ?? null, response.status, response.headers.get('x-request-id'));
}

// ---------------------------------------------------------------- HTTP

const authHeaders = () => ({ authorization: `Bearer ${session?.token ?? ''}`, 'x-purpose': PURPOSE });

async function send(path, init = {}) {
  try {
    return await fetch(path, { ...init, signal: sessionAbort.signal, cache: 'no-store' });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(`Could not reach the gateway (${error.message}); check the network and try again.`, null, 0);
  }
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

async function graphql(query, variables = {}) {
  const response = await send('/graphql', {
    method: 'POST',
    headers: { ...authHeaders(), 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await readJson(response);
  if (!response.ok || !body || typeof body !== 'object') throw errorFrom(response, body);
  return { body, response };
}

/**
 * One root field of an answer. A field the grant lacks comes back as null with an error beside
 * it (HTTP 200): that is this panel's failure; errors beside a usable value are only reported.
 */
async function queryField(source, name, query, variables) {
  const { body, response } = await graphql(query, variables);
  const value = body.data?.[name];
  const errors = Array.isArray(body.errors) ? body.errors : [];
  if ((value === null || value === undefined) && errors.length) throw errorFrom(response, body);
  if (errors.length) report(source, describe(errorFrom(response, body)));
  else clearReport(source);
  clearReport('Audit store');
  return value;
}

// ---------------------------------------------------------------- session

// sessionStorage only: the token dies with the tab and is never written to disk for other tabs.
// Storage can be refused (privacy settings); the console then keeps the token in memory.
function storeToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch { /* memory only */ }
}

function storedToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function signIn(rawToken, { restoring = false } = {}) {
  // Tolerate a pasted "Bearer …" and line breaks from wrapped copies.
  const token = rawToken.replace(/^\s*Bearer\s+/i, '').replace(/\s+/g, '');
  const input = $('token');
  if (!token) {
    report('Sign in', 'Paste a token first.');
    input.focus();
    return false;
  }
  const claims = decodeClaims(token);
  if (!claims) {
    report('Sign in', 'That is not a JWT (three base64url parts separated by dots); paste the whole token.');
    if (!restoring) input.focus();
    return false;
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) {
    storeToken(null);
    report('Sign in', `That token expired at ${fmtTime(new Date(claims.exp * 1000).toISOString())}; paste a new one.`);
    if (!restoring) input.focus();
    return false;
  }
  session = { token, claims };
  storeToken(token);
  problems.clear();
  renderAlerts();
  input.value = '';
  renderSession();
  signInSection.remove();
  for (const id of ['search-section', 'chart-section', 'flags-section', 'chain-section']) $(id).hidden = false;
  if (!restoring) $('session-summary').focus();
  submitSearch();
  return true;
}

function renderSession() {
  const { claims } = session;
  const expires = typeof claims.exp === 'number' ? fmtTime(new Date(claims.exp * 1000).toISOString()) : 'unknown';
  const purposes = Array.isArray(claims.purposes) ? claims.purposes.join(', ') : 'any';
  const parts = [el('span', {}, 'Signed in as '), el('strong', {}, String(claims.sub ?? 'unknown')),
    ` (department ${claims.department ?? 'unknown'}; purposes ${purposes}). Token expires ${expires}.`];
  // A hint only: the gateway decides, and says why in its refusal.
  if (claims.department !== 'compliance') parts.push(' Only compliance tokens can read the audit log.');
  $('session-summary').replaceChildren(...parts);
  $('session').hidden = false;
}

/** Forgets the token and every audit record on screen: they are personal data. */
function signOut(message) {
  sessionAbort.abort();
  sessionAbort = new AbortController();
  session = null;
  storeToken(null);
  search.generation += 1;
  overview = { generation: overview.generation + 1, volumesRequest: 0, period: null, chart: null, chartWidth: 0 };
  knownEvents.clear();
  for (const id of ['results-body', 'totals-body', 'chart', 'chart-legend', 'refused-list', 'volumes-list', 'detail-list']) $(id).replaceChildren();
  for (const id of ['results-status', 'export-status', 'chart-status', 'refused-status', 'volumes-status', 'verify-result']) progress($(id), '');
  $('verify-result').className = 'verify-result';
  for (const node of document.querySelectorAll('[data-period]')) node.textContent = '';
  for (const id of ['search-section', 'detail', 'chart-section', 'flags-section', 'chain-section', 'session', 'load-more']) $(id).hidden = true;
  if (!signInSection.isConnected) $('alerts').after(signInSection);
  problems.clear();
  if (message) report('Sign in', message);
  else renderAlerts();
  $('token').focus();
}

async function probeDevTokens() {
  // Only a development gateway answers 200 here; a real deployment answers 404 and the button stays hidden.
  try {
    const response = await fetch('/dev/token-options', { cache: 'no-store' });
    if (!response.ok) return;
    const options = await readJson(response);
    const compliance = options?.departments?.find?.((d) => d.code === 'compliance');
    $('dev-token').hidden = !compliance?.purposes?.some((p) => p.code === PURPOSE);
  } catch { /* no development tokens here */ }
}

async function getDevToken() {
  await whileBusy($('dev-token'), async () => {
    try {
      const response = await fetch('/dev/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ department: 'compliance', purpose: PURPOSE }),
      });
      const body = await readJson(response);
      if (!response.ok || typeof body?.token !== 'string') throw errorFrom(response, body);
      signIn(body.token);
    } catch (error) {
      report('Development token', error instanceof ApiError ? describe(error) : `Could not get a development token (${error.message}).`);
    }
  });
}

// ---------------------------------------------------------------- search

function setDefaultPeriod() {
  // Up to the next whole minute, so a record written a moment ago is inside the period.
  const to = new Date(Math.ceil((Date.now() + 1) / 60_000) * 60_000);
  $('to').value = toInputValue(to);
  $('from').value = toInputValue(new Date(to.getTime() - DEFAULT_DAYS * DAY_MS));
}

/** The period of the form, or null after marking what is wrong. */
function readPeriod() {
  const from = inputToIso($('from').value);
  const to = inputToIso($('to').value);
  showFieldError($('from'), from ? null : 'Enter a start date and time (UTC).');
  showFieldError($('to'), to ? null : 'Enter an end date and time (UTC).');
  if (from && to && Date.parse(from) >= Date.parse(to)) showFieldError($('to'), 'To must be after From.');
  const invalid = [$('from'), $('to')].find((input) => input.getAttribute('aria-invalid') === 'true');
  if (!invalid) return { from, to };
  report('Search', `${$(`${invalid.id}-error`).textContent}`);
  invalid.focus();
  return null;
}

/**
 * The whole search, or null. Only the citizen ID's shape is checked here; the gateway checks the
 * rest. Fifteen digits go to the gateway too: an old number's answer gives its 18-digit form.
 */
function readCriteria() {
  const period = readPeriod();
  if (!period) return null;
  const citizenInput = $('citizen-id');
  const citizenId = citizenInput.value.trim().toUpperCase();
  const citizenProblem = citizenId && !/^(\d{17}[\dX]|\d{15})$/.test(citizenId)
    ? 'A citizen ID is 18 characters: 17 digits, then a digit or X.' : null;
  showFieldError(citizenInput, citizenProblem);
  if (citizenProblem) {
    report('Search', citizenProblem);
    citizenInput.focus();
    return null;
  }
  const filter = { ...period };
  const text = { department: 'department', purpose: 'purpose', subject: 'subject', caseId: 'case-id' };
  for (const [name, id] of Object.entries(text)) {
    const value = $(id).value.trim();
    if (value) filter[name] = value;
  }
  if (citizenId) filter.citizenId = citizenId;
  if ($('outcome').value) filter.outcome = $('outcome').value;
  return { filter, period };
}

/**
 * Never two searches at once: a submission made during one is remembered and run after it, with
 * the form as it is then, unless it asks for exactly what was just shown.
 */
async function submitSearch({ refreshOverview = true } = {}) {
  if (!session) return;
  if (search.inFlight) {
    search.resubmit = { refreshOverview: refreshOverview || Boolean(search.resubmit?.refreshOverview) };
    return;
  }
  const criteria = readCriteria();
  if (!criteria) return;
  search.inFlight = true;
  try {
    await whileBusy($('search'), () => runSearch(criteria, refreshOverview));
  } finally {
    search.inFlight = false;
  }
  const queued = search.resubmit;
  search.resubmit = null;
  if (queued) {
    const next = readCriteria();
    if (next && JSON.stringify(next.filter) !== JSON.stringify(criteria.filter)) submitSearch(queued);
  }
}

async function runSearch({ filter, period }, refreshOverview) {
  const generation = ++search.generation;
  Object.assign(search, { filter, cursor: null, count: 0 });
  $('results-body').replaceChildren();
  $('load-more').hidden = true;
  progress($('results-status'), 'Searching…');
  if (refreshOverview) loadOverview(period);
  try {
    const page = await queryField('Search', 'auditEvents', EVENTS_QUERY, { filter, first: PAGE_SIZE });
    if (generation !== search.generation) return;
    showPage(page);
  } catch (error) {
    if (generation !== search.generation) return;
    fail('Search', error, $('results-status'), 'The search failed');
  }
}

async function loadMore() {
  if (!search.cursor || search.inFlight) return;
  const generation = search.generation;
  await whileBusy($('load-more'), async () => {
    progress($('results-status'), 'Loading more records…');
    try {
      const page = await queryField('Search', 'auditEvents', EVENTS_QUERY, { filter: search.filter, first: PAGE_SIZE, after: search.cursor });
      if (generation !== search.generation) return;
      const firstNew = showPage(page);
      // The button disappears on the last page: keep keyboard focus in the table, not on the body.
      if ($('load-more').hidden) firstNew?.focus();
    } catch (error) {
      if (generation !== search.generation) return;
      fail('Search', error, $('results-status'), 'Loading more failed');
    }
  });
}

/** Appends a page of results; returns the first new Details button. */
function showPage(page) {
  const events = page?.events ?? [];
  let firstButton = null;
  for (const event of events) {
    const row = resultRow(event);
    firstButton ??= row.querySelector('button');
    $('results-body').append(row);
  }
  search.count += events.length;
  search.cursor = page?.endCursor ?? null;
  $('load-more').hidden = !search.cursor;
  $('results-status').textContent = search.count === 0
    ? 'No audit records match this search.'
    : `${plural(search.count, 'record', 'records')} shown, newest first${search.cursor ? '; more can be loaded' : '; that is all of them'}.`;
  return firstButton;
}

function outcomeBadge(event) {
  const label = OUTCOMES[event.outcome] ?? event.outcome ?? 'Unknown';
  const badge = el('span', { class: `outcome outcome-${String(event.outcome ?? 'unknown').toLowerCase()}` }, label);
  return event.code ? el('span', {}, badge, ' ', el('code', {}, event.code)) : badge;
}

function detailsButton(event, name) {
  knownEvents.set(event.seq, event);
  const button = el('button', { type: 'button', class: 'link-button', 'aria-label': name }, 'Details');
  button.addEventListener('click', () => showDetail(event.seq, button));
  return button;
}

function resultRow(event) {
  const count = (list) => fmtNumber(Array.isArray(list) ? list.length : 0);
  return el('tr', {},
    el('th', { scope: 'row' }, String(event.seq)),
    el('td', { class: 'nowrap' }, fmtTime(event.recordedAt)),
    el('td', {}, event.department ?? '—'),
    el('td', {}, event.subject ?? '—'),
    el('td', {}, event.purpose ?? '—'),
    el('td', {}, outcomeBadge(event)),
    el('td', { class: 'num' }, count(event.citizenIds)),
    el('td', { class: 'num' }, count(event.fieldsDenied)),
    el('td', { class: 'num nowrap' }, `${fmtNumber(event.durationMs)} ms`),
    el('td', {}, detailsButton(event, `Details of record ${event.seq}`)));
}

// ---------------------------------------------------------------- record details

function detailValue(name, value) {
  if (Array.isArray(value)) {
    if (value.length === 0) return el('span', {}, 'none');
    // Long lists scroll inside the panel; tabindex lets keyboard users scroll them too.
    const list = el('ul', { class: MONOSPACE_FIELDS.has(name) ? 'value-list mono' : 'value-list', tabindex: value.length > 10 ? 0 : undefined });
    for (const item of value) list.append(el('li', {}, String(item)));
    return el('div', {}, `${fmtNumber(value.length)}:`, list);
  }
  if (value === null || value === undefined || value === '') return el('span', { class: 'muted' }, 'not recorded');
  if (name === 'recordedAt') return el('span', {}, `${fmtTime(value)} (${value})`);
  if (name === 'outcome') return el('span', {}, OUTCOMES[value] ?? String(value));
  if (name === 'durationMs') return el('span', {}, `${fmtNumber(value)} ms`);
  return el('span', { class: MONOSPACE_FIELDS.has(name) ? 'mono break' : undefined }, String(value));
}

function showDetail(seq, opener) {
  const event = knownEvents.get(seq);
  if (!event) return;
  const list = $('detail-list');
  list.replaceChildren();
  for (const [name, label] of DETAIL_FIELDS) {
    if (LISTED_WHEN_SET.has(name) && !(event[name]?.length > 0)) continue;
    list.append(el('dt', {}, label), el('dd', {}, detailValue(name, event[name])));
  }
  $('detail-heading').textContent = `Record ${seq}`;
  $('detail').hidden = false;
  detailOpener = opener;
  $('detail-heading').focus();
}

function closeDetail() {
  $('detail').hidden = true;
  if (detailOpener?.isConnected) detailOpener.focus();
  else $('search-heading').scrollIntoView();
}

// ---------------------------------------------------------------- overview: chart and flags

/** Reloads the chart and both flag lists for a period; answers for an older period are dropped. */
function loadOverview(period) {
  const generation = ++overview.generation;
  overview.period = period;
  const label = `Showing ${fmtTime(period.from, false)} – ${fmtTime(period.to, false)}, the period of the search.`;
  for (const node of document.querySelectorAll('[data-period]')) node.textContent = label;
  loadTotals(period, generation);
  loadRefused(period, generation);
  loadVolumes(period, generation);
}

async function loadTotals(period, generation) {
  progress($('chart-status'), 'Loading daily totals…');
  try {
    const totals = await queryField('Daily totals', 'auditTotals', TOTALS_QUERY, period);
    if (generation !== overview.generation) return;
    $('chart-status').textContent = '';
    // Requests refused before the caller was identified (no or bad token) have no department.
    // The schema's Date is a day; a full timestamp is cut to it so bars line up with their day.
    renderTotals((totals ?? []).map((t) => ({ ...t, day: String(t.day).slice(0, 10), department: t.department ?? UNIDENTIFIED })), period);
  } catch (error) {
    if (generation !== overview.generation) return;
    // Never leave the previous period's chart under the new period's heading.
    overview.chart = null;
    for (const id of ['chart', 'chart-legend', 'totals-body']) $(id).replaceChildren();
    fail('Daily totals', error, $('chart-status'), 'The daily totals could not be loaded');
  }
}

async function loadRefused(period, generation) {
  progress($('refused-status'), 'Loading refused requests…');
  try {
    const page = await queryField('Refused requests', 'auditEvents', EVENTS_QUERY,
      { filter: { ...period, outcome: 'REFUSED' }, first: REFUSED_SHOWN });
    if (generation !== overview.generation) return;
    const events = page?.events ?? [];
    $('refused-list').replaceChildren(...events.map(refusedItem));
    $('refused-status').textContent = events.length === 0 ? 'No request was refused in this period.'
      : `The latest ${plural(events.length, 'refused request', 'refused requests')}${page?.endCursor ? ' (there are more: search with Outcome Refused)' : ''}.`;
  } catch (error) {
    if (generation !== overview.generation) return;
    $('refused-list').replaceChildren();
    fail('Refused requests', error, $('refused-status'), 'Refused requests could not be loaded');
  }
}

function refusedItem(event) {
  const who = `${event.subject ?? 'unknown caller'} (${event.department ?? 'no department'})`;
  const why = [event.purpose ? `purpose ${event.purpose}` : 'no purpose', event.code].filter(Boolean).join(', ');
  return el('li', {}, el('span', { class: 'nowrap' }, fmtTime(event.recordedAt)), ` ${who}: ${why}. `,
    detailsButton(event, `Details of refused record ${event.seq}`));
}

async function loadVolumes(period, generation) {
  const input = $('threshold');
  const threshold = Number(input.value);
  if (!Number.isInteger(threshold) || threshold < 1) {
    showFieldError(input, 'Enter a whole number of citizens, 1 or more.');
    progress($('volumes-status'), '');
    return;
  }
  showFieldError(input, null);
  progress($('volumes-status'), 'Looking for unusual volumes…');
  // A new threshold may be applied while the previous one is still being answered: latest wins.
  const request = ++overview.volumesRequest;
  const stale = () => generation !== overview.generation || request !== overview.volumesRequest;
  try {
    const flags = await queryField('Unusual volumes', 'auditUnusualVolumes', VOLUMES_QUERY, { ...period, minCitizens: threshold });
    if (stale()) return;
    const list = flags ?? [];
    $('volumes-list').replaceChildren(...list.map(volumeItem));
    $('volumes-status').textContent = list.length === 0
      ? `No caller read ${fmtNumber(threshold)} or more distinct citizens in any hour of this period.`
      : `${plural(list.length, 'caller-hour', 'caller-hours')} at or above ${plural(threshold, 'distinct citizen', 'distinct citizens')}.`;
  } catch (error) {
    if (stale()) return;
    $('volumes-list').replaceChildren();
    fail('Unusual volumes', error, $('volumes-status'), 'Unusual volumes could not be loaded');
  }
}

function volumeItem(flag) {
  const hour = fmtTime(flag.hour, false);
  const who = flag.subject ?? 'unknown caller';
  const button = el('button', { type: 'button', class: 'link-button', 'aria-label': `Show records of ${who} in the hour of ${hour}` }, 'Show records');
  button.addEventListener('click', () => drillIntoHour(flag));
  return el('li', {}, `${who} (${flag.department ?? 'no department'}) read ${plural(flag.citizens, 'distinct citizen', 'distinct citizens')} `
    + `in the hour from ${hour} (${plural(flag.requests, 'request', 'requests')}). `, button);
}

/** Searches one caller's hour; the overview keeps its period so the other flags stay in view. */
function drillIntoHour(flag) {
  const start = new Date(flag.hour);
  if (Number.isNaN(start.getTime())) return;
  for (const id of ['purpose', 'citizen-id', 'case-id', 'outcome']) $(id).value = '';
  $('from').value = toInputValue(start);
  $('to').value = toInputValue(new Date(start.getTime() + HOUR_MS));
  $('subject').value = flag.subject ?? '';
  $('department').value = flag.department ?? '';
  $('search-heading').scrollIntoView({ block: 'start' });
  $('results-caption').setAttribute('tabindex', '-1');
  $('results-caption').focus({ preventScroll: true });
  submitSearch({ refreshOverview: false });
}

// ---------------------------------------------------------------- the chart

/** Every UTC day touched by [from, to), as YYYY-MM-DD. */
function utcDays(from, to) {
  const days = [];
  const last = Date.parse(to) - 1;
  for (let t = Math.floor(Date.parse(from) / DAY_MS) * DAY_MS; t <= last && days.length <= MAX_CHART_DAYS; t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** Round tick values for the y axis: 1, 2 or 5 times a power of ten, about five of them. */
function ticks(max) {
  if (max <= 0) return [0, 1];
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough));
  const values = [];
  for (let v = 0; v < max + step; v += step) values.push(v);
  return values;
}

function renderTotals(totals, period) {
  const departments = [...new Set(totals.map((t) => t.department))].sort();
  const colour = new Map(departments.map((d, i) => [d, PALETTE[i % PALETTE.length]]));
  const datalist = $('department-codes');
  datalist.replaceChildren(...departments.filter((d) => d !== UNIDENTIFIED).map((d) => el('option', { value: d })));
  const days = [...new Set([...utcDays(period.from, period.to), ...totals.map((t) => t.day)])].sort();
  const byDay = new Map(days.map((d) => [d, []]));
  for (const t of totals) byDay.get(t.day).push(t);
  renderTotalsTable(totals);
  renderLegend(departments, colour, totals);
  overview.chart = null;
  $('chart').replaceChildren();
  if (totals.length === 0) {
    $('chart-status').textContent = 'No requests were recorded in this period.';
  } else if (days.length > MAX_CHART_DAYS) {
    $('chart-status').textContent = 'The period is too long to chart one bar a day; the table has every number.';
  } else {
    overview.chart = { days, byDay, departments, colour };
    redrawChart();
  }
}

/** Drawn at the container's real width, and again when that changes, so the text keeps its size. */
function redrawChart() {
  if (!overview.chart) return;
  const { days, byDay, departments, colour } = overview.chart;
  overview.chartWidth = $('chart').clientWidth;
  $('chart').replaceChildren(drawChart(days, byDay, departments, colour));
}

function drawChart(days, byDay, departments, colour) {
  const width = Math.max(320, Math.min(1200, $('chart').clientWidth || 800));
  const height = 300;
  const m = { top: 14, right: 12, bottom: 52, left: 64 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const dayTotal = (day) => byDay.get(day).reduce((sum, t) => sum + (t.requests ?? 0), 0);
  const yTicks = ticks(Math.max(...days.map(dayTotal)));
  const top = yTicks.at(-1);
  const y = (v) => m.top + plotH - (v / top) * plotH;
  const band = plotW / days.length;
  const barW = Math.max(1, band * 0.72);

  const all = byDay.size ? [...byDay.values()].flat() : [];
  const requests = all.reduce((s, t) => s + (t.requests ?? 0), 0);
  const refused = all.reduce((s, t) => s + (t.refused ?? 0), 0);
  const busiest = days.reduce((best, d) => (dayTotal(d) > dayTotal(best) ? d : best), days[0]);
  // Worded without "department", "from" or "to": the label must not match the search fields' labels.
  const each = departments.map((d) => `${d} ${fmtNumber(all.filter((t) => t.department === d).reduce((s, t) => s + t.requests, 0))}`);
  const summary = `Stacked bar chart of ${fmtNumber(requests)} requests over ${fmtNumber(days.length)} UTC days, `
    + `${days[0]} – ${days.at(-1)}; requests per caller: ${each.join(', ')}; ${fmtNumber(refused)} refused in all. `
    + `Busiest day ${busiest} with ${fmtNumber(dayTotal(busiest))} requests. The table below has every number.`;

  const chart = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': summary, class: 'chart-svg' });
  for (const v of yTicks) {
    chart.append(svgEl('line', { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'grid' }),
      svgEl('text', { x: m.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, fmtNumber(v)));
  }
  chart.append(svgEl('text', { x: 14, y: m.top + plotH / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${m.top + plotH / 2})`, class: 'axis-title' }, 'Requests'),
    svgEl('text', { x: m.left + plotW / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis-title' }, 'Day (UTC)'));

  const labelEvery = Math.ceil(days.length / Math.max(1, Math.floor(plotW / 56)));
  days.forEach((day, i) => {
    const x = m.left + i * band + (band - barW) / 2;
    let base = 0;
    for (const department of departments) {
      const t = byDay.get(day).find((entry) => entry.department === department);
      if (!t || !t.requests) continue;
      const h = (t.requests / top) * plotH;
      // At least 2px, so a single refusal among thousands of requests still shows.
      const refusedH = t.refused ? Math.min(h, Math.max(2, (t.refused / top) * plotH)) : 0;
      const segment = svgEl('g', {}, svgEl('title', {}, `${day}, ${department}: ${fmtNumber(t.requests)} requests, ${fmtNumber(t.refused ?? 0)} refused`),
        svgEl('rect', { x, y: y(base) - h, width: barW, height: h, fill: colour.get(department), class: 'segment' }));
      // Refused requests are the hatched top part of their department's segment.
      if (refusedH > 0) segment.append(svgEl('rect', { x, y: y(base) - h, width: barW, height: refusedH, fill: 'url(#refused-hatch)', class: 'refused' }));
      chart.append(segment);
      base += t.requests;
    }
    if (i % labelEvery === 0) chart.append(svgEl('text', { x: x + barW / 2, y: m.top + plotH + 18, 'text-anchor': 'middle' }, day.slice(5)));
  });
  return chart;
}

function swatch(fill) {
  return svgEl('svg', { width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false', class: 'swatch' },
    svgEl('rect', { width: 16, height: 16, fill }));
}

function renderLegend(departments, colour, totals) {
  const sum = (d) => totals.filter((t) => t.department === d).reduce((s, t) => s + (t.requests ?? 0), 0);
  const items = departments.map((d) => el('li', {}, swatch(colour.get(d)), `${d} (${fmtNumber(sum(d))})`));
  if (departments.length) {
    const hatched = swatch('#555555');
    hatched.append(svgEl('rect', { width: 16, height: 16, fill: 'url(#refused-hatch)' }));
    items.push(el('li', {}, hatched, 'Refused (hatched part of a bar)'));
  }
  $('chart-legend').replaceChildren(...items);
}

function renderTotalsTable(totals) {
  const rows = [...totals].sort((a, b) => a.day.localeCompare(b.day) || a.department.localeCompare(b.department));
  $('totals-body').replaceChildren(...rows.map((t) => el('tr', {},
    el('th', { scope: 'row', class: 'nowrap' }, t.day), el('td', {}, t.department),
    el('td', { class: 'num' }, fmtNumber(t.requests)), el('td', { class: 'num' }, fmtNumber(t.refused)))));
}

// ---------------------------------------------------------------- chain verification and export

async function verifyChain() {
  const result = $('verify-result');
  await whileBusy($('verify-chain'), async () => {
    result.className = 'verify-result';
    result.textContent = 'Verifying the chain…';
    try {
      const v = await queryField('Chain verification', 'auditChainVerification', VERIFY_QUERY, {});
      if (!v) {
        result.textContent = 'The gateway returned no verification result.';
      } else if (v.intact) {
        result.className = 'verify-result verify-ok';
        // The checkpoint verdict too: "not checked" means the chain was checked only against itself.
        result.textContent = `Chain intact: ${fmtNumber(v.checked)} records checked at ${fmtTime(v.verifiedAt)}. Signed checkpoints ${v.checkpoints ?? 'not reported'}`;
      } else {
        result.className = 'verify-result verify-broken';
        result.textContent = `Chain BROKEN${v.brokenAt ? ` at record ${v.brokenAt}` : ''}: ${v.problem ?? 'no reason given'}`;
      }
    } catch (error) {
      result.textContent = '';
      fail('Chain verification', error, result, 'The chain could not be verified');
    }
  });
}

/** The file name the server proposes (Content-Disposition), else the period's. */
function exportFileName(response, period) {
  const match = /filename="?([^";]+)"?/i.exec(response.headers.get('content-disposition') ?? '');
  return match ? match[1] : `audit-${period.from}-${period.to}.csv`;
}

async function exportCsv() {
  const period = readPeriod();
  if (!period || !session) return;
  const status = $('export-status');
  await whileBusy($('export'), async () => {
    progress(status, `Preparing the export of ${fmtTime(period.from, false)} – ${fmtTime(period.to, false)}…`);
    try {
      const response = await send(`/audit/export?${new URLSearchParams({ ...period, format: 'csv' })}`, { headers: authHeaders() });
      if (!response.ok) throw errorFrom(response, await readJson(response));
      // Read in chunks to show progress; large periods take a while.
      const reader = response.body.getReader();
      const chunks = [];
      let bytes = 0;
      let shownAt = 0;
      for (let part = await reader.read(); !part.done; part = await reader.read()) {
        chunks.push(part.value);
        bytes += part.value.length;
        if (performance.now() - shownAt > 500) {
          status.textContent = `Downloading… ${fmtNumber(bytes)} bytes received.`;
          shownAt = performance.now();
        }
      }
      const name = exportFileName(response, period);
      const url = URL.createObjectURL(new Blob(chunks, { type: 'text/csv' }));
      const link = el('a', { href: url, download: name, class: 'visually-hidden' }, name);
      document.body.append(link);
      link.click();
      link.remove();
      // Revoked later, not at once: the browser may still be reading the blob for the download.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      status.textContent = `Downloaded ${name} (${fmtNumber(bytes)} bytes).`;
      clearReport('Export');
    } catch (error) {
      fail('Export', error, status, 'The export failed');
    }
  });
}

// ---------------------------------------------------------------- wiring

function init() {
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    signIn($('token').value);
  });
  $('dev-token').addEventListener('click', getDevToken);
  $('sign-out').addEventListener('click', () => signOut());
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    submitSearch();
  });
  $('load-more').addEventListener('click', loadMore);
  $('close-detail').addEventListener('click', closeDetail);
  $('export').addEventListener('click', exportCsv);
  $('verify-chain').addEventListener('click', verifyChain);
  $('volumes-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!overview.period || !session) return;
    whileBusy($('apply-threshold'), () => loadVolumes(overview.period, overview.generation));
  });
  // Escape closes the record details from anywhere inside them.
  $('detail').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeDetail();
  });
  let resizeTimer = 0;
  new ResizeObserver(() => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if ($('chart').clientWidth !== overview.chartWidth) redrawChart();
    }, 150);
  }).observe($('chart'));

  setDefaultPeriod();
  probeDevTokens();
  const saved = storedToken();
  if (saved) signIn(saved, { restoring: true });
}

init();
