import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';

const WEB = fileURLToPath(new URL('../../web/', import.meta.url));
const require = createRequire(import.meta.url);
/** A package's folder, through its exported package.json (their exports maps hide the UMD files). */
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/**
 * Everything the browser interfaces load, from this checkout and its installed packages: no CDN,
 * no font service, no request leaves the government network. GraphiQL 4 is used through its UMD
 * build on React 18's UMD builds, so no bundler is needed.
 */
const FILES: Record<string, { file: () => string; type: string; vendor?: boolean }> = {
  '/ide': { file: () => join(WEB, 'ide/index.html'), type: 'text/html' },
  '/ide/ide.js': { file: () => join(WEB, 'ide/ide.js'), type: 'text/javascript' },
  '/ide/ide.css': { file: () => join(WEB, 'ide/ide.css'), type: 'text/css' },
  '/compliance': { file: () => join(WEB, 'compliance/index.html'), type: 'text/html' },
  '/compliance/console.js': { file: () => join(WEB, 'compliance/console.js'), type: 'text/javascript' },
  '/compliance/console.css': { file: () => join(WEB, 'compliance/console.css'), type: 'text/css' },
  '/shared/claims.js': { file: () => join(WEB, 'shared/claims.js'), type: 'text/javascript' },
  '/vendor/react.js': { file: () => join(packageDir('react'), 'umd/react.production.min.js'), type: 'text/javascript', vendor: true },
  '/vendor/react-dom.js': { file: () => join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), type: 'text/javascript', vendor: true },
  '/vendor/graphiql.js': { file: () => join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript', vendor: true },
  '/vendor/graphiql.css': { file: () => join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css', vendor: true },
};

/**
 * Pages may load scripts and styles only from this server and talk only to it. GraphiQL's editor
 * and React set element styles at run time, hence 'unsafe-inline' for styles on the IDE alone.
 */
const CSP = {
  ide: "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  strict: "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

interface Loaded {
  body: Buffer;
  gzipped: Buffer;
}
const cache = new Map<string, Loaded>();

/** The route name of a static path, its first segment (`ide`, `compliance`, `shared`, `vendor`), or null when it is not one. */
export function webRoute(pathname: string): string | null {
  return pathname in FILES ? pathname.split('/')[1]! : null;
}

/** A browser's page load (it asks for HTML), as opposed to a GraphQL GET request. */
export function wantsIde(req: IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html');
}

export function serveWebFile(pathname: string, req: IncomingMessage, res: ServerResponse): void {
  const entry = FILES[pathname]!;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${pathname} is a page: use GET.`);
    return;
  }
  // Read and compressed once per process: the files change only with a new release.
  let loaded = cache.get(pathname);
  if (!loaded) {
    const body = readFileSync(entry.file());
    loaded = { body, gzipped: gzipSync(body) };
    cache.set(pathname, loaded);
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? loaded.gzipped : loaded.body;
  res.writeHead(200, {
    'content-type': `${entry.type}; charset=utf-8`,
    'content-length': body.length,
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    vary: 'accept-encoding',
    'cache-control': entry.vendor ? 'public, max-age=86400' : 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(entry.type === 'text/html' ? { 'content-security-policy': pathname === '/ide' ? CSP.ide : CSP.strict } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
