import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { composeSupergraph, CompositionError } from '../../src/gateway/compose.js';

describe('composition at start-up', () => {
  it('composes every department subgraph into one Person view', () => {
    const sdl = composeSupergraph(SUBGRAPHS).supergraphSdl;
    for (const field of ['registration:', 'education:', 'health:', 'tax:', 'housing:', 'socialSecurity:']) {
      expect(sdl).toContain(field);
    }
  });

  it("stops with the composer's message when a department's SDL conflicts with another's", () => {
    const broken = {
      name: 'rogue',
      department: 'rogue',
      resolvers: {},
      typeDefs: parse(`
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        scalar CitizenId
        type Person @key(fields: "citizenId") { citizenId: CitizenId! name: Int }
      `),
      rootFields: [],
    };
    let error: unknown;
    try {
      composeSupergraph([...SUBGRAPHS, broken]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CompositionError);
    expect((error as CompositionError).message).toMatch(/Person\.name/);
    expect((error as CompositionError).messages.length).toBeGreaterThan(0);
  });
});
