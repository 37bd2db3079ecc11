// The gateway's GraphQL IDE: GraphiQL (from the gateway's own packages) behind a connection bar
// that sets the headers every request needs: Authorization, X-Purpose and X-Case-Id. The schema
// GraphiQL shows is the gateway's answer to introspection for this caller, already cut down to
// the caller's grant, with each field's owner and sensitivity in its description.

import { decodeClaims } from '/shared/claims.js';

const STORAGE = window.sessionStorage; // a token never outlives the browser tab, and never sits in the URL
const params = new URLSearchParams(window.location.search);

const form = document.getElementById('connect');
const tokenInput = document.getElementById('token');
const purposeInput = document.getElementById('purpose');
const caseInput = document.getElementById('case-id');
const purposeOptions = document.getElementById('purpose-options');
const callerLine = document.getElementById('caller');
const devForm = document.getElementById('dev-token');
const devDepartment = document.getElementById('dev-department');
const devPurpose = document.getElementById('dev-purpose');
const host = document.getElementById('graphiql');

let root = null;
/** Bumped on every (re)connection: GraphiQL is re-mounted so it introspects as the new caller. */
let connection = 0;

function showCaller(message, isError = false) {
  callerLine.textContent = message;
  callerLine.classList.toggle('error', isError);
}

function headers() {
  const result = { 'content-type': 'application/json', accept: 'application/json' };
  const token = tokenInput.value.trim();
  if (token) result.authorization = `Bearer ${token}`;
  if (purposeInput.value.trim()) result['x-purpose'] = purposeInput.value.trim();
  if (caseInput.value.trim()) result['x-case-id'] = caseInput.value.trim();
  return result;
}

/** GraphiQL's fetcher: the gateway answers refusals (401, 403, 400) with GraphQL errors too, so GraphiQL shows them. */
async function fetcher(request) {
  const response = await fetch('/graphql', { method: 'POST', headers: headers(), body: JSON.stringify(request) });
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return { errors: [{ message: `HTTP ${response.status} ${response.statusText}` }] };
  return response.json();
}

function renderPlaceholder() {
  root ??= ReactDOM.createRoot(host);
  root.render(
    React.createElement('div', { className: 'placeholder' },
      React.createElement('h2', null, 'Connect to explore your grant'),
      React.createElement('p', null,
        'Every request carries your department\'s token and the purpose you act for. Paste the token your identity provider issued, ',
        'enter the purpose, and press Connect. The schema and documentation then show exactly the fields your department may read for that purpose, ',
        'each with its owning department and sensitivity.'),
      React.createElement('p', null, 'On a development server, pick a department and purpose above and press ',
        React.createElement('code', null, 'Get development token'), '.')),
  );
}

function renderGraphiql() {
  connection += 1;
  root ??= ReactDOM.createRoot(host);
  root.render(
    React.createElement(GraphiQL, {
      key: connection,
      fetcher,
      defaultQuery: params.get('query') ?? '# Write a query, or open the documentation (book icon) to see what your grant covers.\n{\n  __typename\n}\n',
      ...(params.get('query') ? { query: params.get('query') } : {}),
      ...(params.get('variables') ? { variables: params.get('variables') } : {}),
      // The connection bar owns the headers: one place to set them, none persisted by GraphiQL.
      isHeadersEditorEnabled: false,
      shouldPersistHeaders: false,
    }),
  );
}

/**
 * Opens the documentation pane once GraphiQL has mounted, so a developer sees their grant first.
 * GraphiQL 4's own `visiblePlugin` prop marks the plugin visible but leaves its pane collapsed
 * (the pane's size is fixed at mount, before the prop is applied), so its button is pressed instead.
 */
function openDocumentation() {
  const deadline = Date.now() + 5000;
  const attempt = () => {
    const button = host.querySelector('button[aria-label="Show Documentation Explorer"]');
    if (button) button.click();
    else if (Date.now() < deadline) window.requestAnimationFrame(attempt);
  };
  window.requestAnimationFrame(attempt);
}

function connect() {
  const token = tokenInput.value.trim();
  const purpose = purposeInput.value.trim();
  if (!token || !purpose) {
    showCaller(!token ? 'A token is needed: paste one, or get a development token.' : 'A purpose is needed: every request declares what it is for.', true);
    return;
  }
  const claims = decodeClaims(token);
  if (!claims) {
    showCaller('That does not look like a JWT (three dot-separated parts); paste the whole token.', true);
    return;
  }
  STORAGE.setItem('ide.token', token);
  STORAGE.setItem('ide.purpose', purpose);
  STORAGE.setItem('ide.caseId', caseInput.value.trim());
  const expires = claims.exp ? new Date(claims.exp * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : 'unknown';
  showCaller(`Connected as ${claims.sub ?? '?'} (${claims.department ?? 'no department'}) for purpose ${purpose}; token expires ${expires}.`);
  renderGraphiql();
  openDocumentation();
  // Keep the development picker in step with the token in use, so it reads as "who am I".
  if (!devForm.hidden && [...devDepartment.options].some((o) => o.value === claims.department)) {
    devDepartment.value = claims.department;
    devDepartment.dispatchEvent(new Event('change'));
    devPurpose.value = purpose;
  }
}

function listPurposes(token) {
  const claims = decodeClaims(token);
  purposeOptions.replaceChildren(...(claims?.purposes ?? []).map((code) => Object.assign(document.createElement('option'), { value: code })));
  if (!purposeInput.value && claims?.purposes?.length === 1) purposeInput.value = claims.purposes[0];
}

/** Development servers only: the departments and purposes to get a development token for. */
async function setUpDevelopmentTokens() {
  const response = await fetch('/dev/token-options').catch(() => null);
  if (!response?.ok) return false;
  const { departments } = await response.json();
  const byCode = new Map(departments.map((d) => [d.code, d]));
  devDepartment.replaceChildren(...departments.map((d) => new Option(`${d.code} — ${d.name}`, d.code)));
  const fillPurposes = () => {
    const purposes = byCode.get(devDepartment.value)?.purposes ?? [];
    devPurpose.replaceChildren(...purposes.map((p) => Object.assign(new Option(p.code, p.code), { title: p.description })));
  };
  devDepartment.addEventListener('change', fillPurposes);
  if (byCode.has(params.get('dept'))) devDepartment.value = params.get('dept');
  fillPurposes();
  if (params.get('purpose')) devPurpose.value = params.get('purpose');
  devForm.hidden = false;
  return true;
}

async function getDevelopmentToken() {
  const response = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ department: devDepartment.value, purpose: devPurpose.value }),
  });
  const body = await response.json();
  if (!response.ok) {
    showCaller(body.errors?.[0]?.message ?? `HTTP ${response.status}`, true);
    return;
  }
  tokenInput.value = body.token;
  purposeInput.value = devPurpose.value;
  listPurposes(body.token);
  connect();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  connect();
});
devForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void getDevelopmentToken();
});
tokenInput.addEventListener('change', () => listPurposes(tokenInput.value.trim()));

async function start() {
  tokenInput.value = STORAGE.getItem('ide.token') ?? '';
  purposeInput.value = params.get('purpose') ?? STORAGE.getItem('ide.purpose') ?? '';
  caseInput.value = STORAGE.getItem('ide.caseId') ?? '';
  const development = await setUpDevelopmentTokens();
  // A link printed at start-up names the department and purpose: connect straight away.
  const linkedDepartment = params.get('dept');
  const stored = decodeClaims(tokenInput.value.trim());
  if (development && linkedDepartment && devDepartment.value === linkedDepartment && stored?.department !== linkedDepartment) {
    await getDevelopmentToken();
  } else if (tokenInput.value.trim() && purposeInput.value.trim()) {
    listPurposes(tokenInput.value.trim());
    connect();
  } else {
    renderPlaceholder();
  }
}

void start();
