import { GraphQLError, isEnumType, isInputObjectType, isInterfaceType, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { CompiledPolicy } from '../policy/compile.js';
import { PolicyError, type PolicyFile } from '../policy/policy-file.js';
import { assembled, withOwnSchema, type DepartmentModule } from '../subgraphs/department-module.js';
import { CompositionError, composeSupergraph } from './compose.js';

/** A department's proposed `schema.graphql`, to be checked against the city's. */
export interface ProposedSchema {
  subgraph: string;
  /** Where it was read from, to name in problems. */
  source: string;
  sdl: string;
}

/** What a proposed change does to the composed schema and to the sharing policy. */
export interface CompositionCheck {
  /** Problems that stop the change: it does not parse or compose, or a grant names what it removes. */
  problems: string[];
  /** `Type.field` (and `Enum.VALUE`) the callers' schema loses or gains. */
  removed: string[];
  added: string[];
}

/**
 * Checks proposed subgraph schemas the way a department's CI must before it deploys one: the
 * city's modules with those schemas put in are composed, and the sharing policy is compiled
 * against the result, so a change that breaks composition or removes a field a grant names is
 * refused with what to fix. Removing a field no grant names breaks no caller (none can read it)
 * and is only listed.
 */
export function checkComposition(modules: readonly DepartmentModule[], proposed: readonly ProposedSchema[], policy: PolicyFile): CompositionCheck {
  const problems: string[] = [];
  const byName = new Map(modules.map((module) => [module.name, module]));
  const changed = [...modules];
  for (const { subgraph, source, sdl } of proposed) {
    const module = byName.get(subgraph);
    if (!module) throw new UnknownSubgraphError(subgraph, modules);
    try {
      parse(sdl); // positions in the department's own file, before the shared types are put in front
      changed[changed.indexOf(module)] = withOwnSchema(module, sdl);
    } catch (error) {
      problems.push(`${source}: ${error instanceof GraphQLError ? error.toString() : (error as Error).message}`);
    }
  }
  if (problems.length > 0) return { problems, removed: [], added: [] };

  const before = composeSupergraph(modules).apiSchema;
  let after: GraphQLSchema;
  try {
    after = proposed.length === 0 ? before : composeSupergraph(assembled(changed)).apiSchema;
  } catch (error) {
    if (!(error instanceof CompositionError)) throw error;
    return { problems: error.messages.map((message) => `composition: ${message}`), removed: [], added: [] };
  }
  try {
    CompiledPolicy.compile(policy, after);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    problems.push(...error.problems.map((problem) => `sharing policy: ${problem}`));
  }
  const [was, now] = [coordinatesOf(before), coordinatesOf(after)];
  return { problems, removed: [...was].filter((c) => !now.has(c)).sort(), added: [...now].filter((c) => !was.has(c)).sort() };
}

export class UnknownSubgraphError extends Error {
  constructor(subgraph: string, modules: readonly DepartmentModule[]) {
    super(`there is no subgraph "${subgraph}"; the subgraphs are ${modules.map((m) => m.name).join(', ')}`);
    this.name = 'UnknownSubgraphError';
  }
}

/** Every field of the callers' schema and every enum value, as `Type.name`. */
function coordinatesOf(schema: GraphQLSchema): Set<string> {
  const coordinates = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.keys(type.getFields())) coordinates.add(`${type.name}.${field}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) coordinates.add(`${type.name}.${value.name}`);
    }
  }
  return coordinates;
}
