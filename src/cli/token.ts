import { loadConfig } from '../config.js';
import { issueToken } from '../auth/caller.js';
import { loadSigner } from '../auth/keys.js';
import { readPolicyFile } from '../policy/policy-file.js';
import { tokenRequestProblem } from '../auth/token-request.js';
import { UsageError } from './exit.js';
import { parseOptions } from './args.js';
import { parseTtl } from './duration.js';
import { formatDuration } from '../domain/duration.js';
import { isDistrictCode } from '../domain/districts.js';

const USAGE = `Usage: city-population-gateway token --dept CODE --purpose CODE [--sub ID] [--app NAME] [--district CODE] [--ttl 1h]
   or: npm run -s token -- --dept CODE --purpose CODE …   (-s keeps npm's banner off stdout)

Prints a signed token, and nothing else, on standard output, for a caller of department CODE
limited to the given purpose (repeat --purpose for several). Signed with the development keys
(.data/dev-keys, made on first use) or, when AUTH_HS256_SECRET is set, with that secret; with
AUTH_JWKS_FILE or AUTH_PUBLIC_KEY_FILE tokens come from your identity provider instead.

  --dept CODE      department code from schema/policy.yaml (e.g. education)
  --purpose CODE   a purpose of that department (e.g. school-enrolment)
  --sub ID         the person or application the token is for (default: <dept>-developer)
  --app NAME       the application acting, recorded in the audit
  --district CODE  the caller's district office (GB/T 2260 code, e.g. 440106), for
                   purposes limited to people registered in the caller's district
  --ttl DURATION   lifetime: 90s, 30m, 8h or 2d (default 1h, at most AUTH_MAX_TOKEN_LIFETIME,
                   24h unless configured)
  -h, --help       this text

Exit codes: 0 printed, 2 bad arguments or configuration.`;

function usageError(message: string): never {
  throw new UsageError(message, USAGE);
}

export async function run(args: string[]): Promise<void> {
  const values = parseOptions(
    args,
    {
      dept: { type: 'string' },
      purpose: { type: 'string', multiple: true },
      sub: { type: 'string' },
      app: { type: 'string' },
      district: { type: 'string' },
      ttl: { type: 'string', default: '1h' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const policy = readPolicyFile();
  const department = values.dept?.trim();
  const purposes = values.purpose ?? [];
  const refused = tokenRequestProblem(policy, department, purposes);
  if (refused) usageError(`--${refused.input === 'department' ? 'dept' : 'purpose'} ${refused.problem}`);
  const district = values.district?.trim() || undefined;
  if (district !== undefined && !isDistrictCode(district)) usageError(`--district must be the code of a Guangzhou district (e.g. 440106), got "${district}"`);
  const ttlSeconds = parseTtl(values.ttl);
  if (ttlSeconds === null) usageError(`--ttl must be like 90s, 30m, 8h or 2d, at most 7d; got "${values.ttl}"`);

  const config = loadConfig();
  const longest = config.auth.maxTokenLifetimeSeconds;
  if (ttlSeconds > longest) {
    usageError(`--ttl ${values.ttl.trim()} is longer than the ${formatDuration(longest)} this gateway accepts (AUTH_MAX_TOKEN_LIFETIME): the token would be refused; ask for ${formatDuration(longest)} or less`);
  }
  const signer = await loadSigner(config.auth);
  if (!signer) {
    usageError('This gateway checks tokens from an identity provider (AUTH_JWKS_FILE or AUTH_PUBLIC_KEY_FILE): get a token there.');
  }
  const token = await issueToken(signer, {
    department: department!, // checked by tokenRequestProblem
    purposes,
    subject: values.sub?.trim() || `${department}-developer`,
    app: values.app?.trim() || undefined,
    district,
    ttlSeconds,
  });
  process.stdout.write(`${token}\n`);
}
