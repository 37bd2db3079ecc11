import { getOperationAST, Kind, valueFromASTUntyped, type DocumentNode } from 'graphql';

/**
 * The citizen IDs whose data an answer returned: for each `person(citizenId:)` that was not null
 * and each non-null place of `persons(citizenIds:)`, the ID asked for there (literal or variable),
 * under whatever alias the caller used.
 */
export function returnedCitizenIds(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  data: Record<string, unknown> | null | undefined,
): string[] {
  if (!data) return [];
  const operation = getOperationAST(document, operationName);
  if (!operation) return [];
  const ids = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const key = selection.alias?.value ?? selection.name.value;
    const argument = (name: string) => {
      const node = selection.arguments?.find((a) => a.name.value === name);
      return node ? valueFromASTUntyped(node.value, variables) : undefined;
    };
    const value = data[key];
    if (selection.name.value === 'person' && value !== null && value !== undefined) {
      const id = argument('citizenId');
      if (typeof id === 'string') ids.add(id.toUpperCase());
    }
    if (selection.name.value === 'persons' && Array.isArray(value)) {
      const asked = argument('citizenIds');
      if (Array.isArray(asked)) value.forEach((entry, i) => entry !== null && typeof asked[i] === 'string' && ids.add((asked[i] as string).toUpperCase()));
    }
  }
  return [...ids];
}
