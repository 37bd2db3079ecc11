import { isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { maskFor, type Mask } from './masks.js';
import type { OperationLimits } from './limits.js';
import { PolicyError, TIERS, type PolicyFile, type Purpose, type RowScopeKind, type Tier } from './policy-file.js';

/** What one (department, purpose) may read: each readable field's `Type.field` and its tier. */
export interface Grant {
  department: string;
  purpose: string;
  reason: string;
  /** Limits the people the grant reaches (see policy-file.ts); absent: everyone. */
  rowScope?: RowScopeKind;
  /** Operation limits above the deployment's, for bulk purposes (policy file `limits:`). */
  limits?: Partial<OperationLimits>;
  tiers: ReadonlyMap<string, Tier>;
  masks: ReadonlyMap<string, Mask>;
}

/** A field is derived when its SDL description says so; only such fields take the `derived` tier. */
const DERIVED = /^Derived:/;

/** The policy, checked against the composed API schema and indexed for the request path. */
export class CompiledPolicy {
  private constructor(
    readonly departments: Readonly<Record<string, string>>,
    private readonly purposes: ReadonlyMap<string, Purpose>,
    private readonly grants: ReadonlyMap<string, Grant>,
  ) {}

  static compile(file: PolicyFile, schema: GraphQLSchema): CompiledPolicy {
    const problems: string[] = [];
    const purposes = new Map(file.purposes.map((p) => [p.code, p]));
    const grants = new Map<string, Grant>();

    file.grants.forEach((entry, i) => {
      const where = `grants[${i}] (${entry.department} / ${entry.purpose})`;
      if (!(entry.department in file.departments)) problems.push(`${where}: department "${entry.department}" is not in departments`);
      const purpose = purposes.get(entry.purpose);
      if (!purpose) problems.push(`${where}: purpose "${entry.purpose}" is not defined under purposes`);
      else if (purpose.department !== entry.department) {
        problems.push(`${where}: purpose "${entry.purpose}" belongs to ${purpose.department}, not ${entry.department}`);
      }

      const explicit = new Map<string, Tier>();
      const tiers = new Map<string, Tier>();
      const masks = new Map<string, Mask>();
      for (const tier of TIERS) {
        for (const coordinate of entry.fields[tier]) {
          for (const [resolved, isWildcard] of expand(coordinate, schema, `${where} ${tier}`, problems)) {
            if (!isWildcard) {
              const earlier = explicit.get(resolved);
              if (earlier) problems.push(`${where}: ${resolved} is granted both ${earlier} and ${tier}; keep one`);
              explicit.set(resolved, tier);
            } else if (explicit.has(resolved)) continue;
            tiers.set(resolved, tier);
          }
        }
      }
      for (const [coordinate, tier] of tiers) {
        const [typeName, fieldName] = coordinate.split('.') as [string, string];
        const field = (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName]!;
        if (tier === 'masked') {
          const mask = maskFor(fieldName, field);
          if (!mask) problems.push(`${where}: ${coordinate} has no customary mask (ID, name, address, date, money); grant it full or not at all`);
          else masks.set(coordinate, mask);
        }
        if (tier === 'derived' && !DERIVED.test(field.description ?? '')) {
          problems.push(`${where}: ${coordinate} is not a derived field, so it cannot be granted as derived`);
        }
      }
      grants.set(key(entry.department, entry.purpose), {
        department: entry.department,
        purpose: entry.purpose,
        reason: entry.reason,
        ...(entry.rowScope ? { rowScope: entry.rowScope } : {}),
        ...(entry.limits ? { limits: entry.limits } : {}),
        tiers,
        masks,
      });
    });

    if (problems.length > 0) throw new PolicyError(problems);
    return new CompiledPolicy(file.departments, purposes, grants);
  }

  purpose(code: string): Purpose | undefined {
    return this.purposes.get(code);
  }

  /** The purposes a department may declare, in policy order. */
  purposesOf(department: string): Purpose[] {
    return [...this.purposes.values()].filter((p) => p.department === department);
  }

  grant(department: string, purpose: string): Grant | undefined {
    return this.grants.get(key(department, purpose));
  }

  /** The department's own purposes under which it could read `coordinate`, to tell a denied caller. */
  purposesGranting(department: string, coordinate: string): string[] {
    return this.purposesOf(department)
      .filter((p) => this.grant(department, p.code)?.tiers.has(coordinate))
      .map((p) => p.code);
  }
}

const key = (department: string, purpose: string) => `${department}\u0000${purpose}`;

/** `Type.field` → itself; `Type.*` → every field of Type. Unknown names become problems. */
function expand(coordinate: string, schema: GraphQLSchema, where: string, problems: string[]): [string, boolean][] {
  const match = /^([A-Za-z_]\w*)\.(\*|[A-Za-z_]\w*)$/.exec(coordinate);
  if (!match) {
    problems.push(`${where}: "${coordinate}" is not a Type.field coordinate`);
    return [];
  }
  const [, typeName, fieldName] = match as unknown as [string, string, string];
  const type = schema.getType(typeName);
  if (!type || !isObjectType(type) || typeName.startsWith('__')) {
    problems.push(`${where}: "${coordinate}" names type ${typeName}, which is not an object type of the schema`);
    return [];
  }
  const fields = type.getFields();
  if (fieldName === '*' && type === schema.getQueryType()) {
    problems.push(`${where}: "${coordinate}" would grant every root field, including ones added later; name root fields one by one`);
    return [];
  }
  if (fieldName === '*') return Object.keys(fields).map((f) => [`${typeName}.${f}`, true]);
  if (!fields[fieldName]) {
    problems.push(`${where}: "${coordinate}" names a field ${typeName} does not have`);
    return [];
  }
  return [[coordinate, false]];
}
