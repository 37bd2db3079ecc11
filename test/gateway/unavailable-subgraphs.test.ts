import { GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fieldOwners, fieldsAnswered, SUBGRAPH_UNAVAILABLE, unavailableSubgraphs } from '../../src/gateway/unavailable-subgraphs.js';

const unavailable = (serviceName: unknown) => new GraphQLError('could not be fetched', { extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName } });

describe('the subgraphs an answer names as unavailable, for its audit record', () => {
  it('are none when the answer has no errors', () => {
    expect(unavailableSubgraphs(undefined)).toEqual([]);
    expect(unavailableSubgraphs([])).toEqual([]);
  });

  it('are the serviceName of every SUBGRAPH_UNAVAILABLE error, once each, sorted', () => {
    const errors = [unavailable('health'), unavailable('education'), unavailable('health'), unavailable('education')];
    expect(unavailableSubgraphs(errors)).toEqual(['education', 'health']);
  });

  it('ignore errors of any other code, though they name a subgraph', () => {
    const errors = [
      new GraphQLError('denied', { extensions: { code: 'FORBIDDEN', serviceName: 'tax' } }),
      new GraphQLError('failed', { extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'housing' } }),
      new GraphQLError('no code', { extensions: { serviceName: 'civil' } }),
      unavailable('education'),
    ];
    expect(unavailableSubgraphs(errors)).toEqual(['education']);
  });

  it('ignore a SUBGRAPH_UNAVAILABLE error without a string serviceName', () => {
    const errors = [unavailable(undefined), unavailable(7), unavailable(['education']), unavailable(null), new GraphQLError('bare', { extensions: { code: SUBGRAPH_UNAVAILABLE } })];
    expect(unavailableSubgraphs(errors)).toEqual([]);
  });

  it('read formatted errors (plain objects) as well as GraphQLErrors', () => {
    expect(unavailableSubgraphs([{ extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: 'registry' } }, {}])).toEqual(['registry']);
  });
});

describe('the fields an answer returned when a slice could not be fetched', () => {
  const modules = [
    { name: 'registry', typeDefs: parse('type Query { person: Person } type Person @key(fields: "citizenId") { citizenId: String! name: String }') },
    { name: 'education', typeDefs: parse('type Person @key(fields: "citizenId") { citizenId: String! name: String @external education: EducationSlice } type EducationSlice { level: String }') },
  ];
  const owners = fieldOwners(modules);
  const planned = ['Query.person', 'Person.citizenId', 'Person.name', 'Person.education', 'EducationSlice.level', '__Schema.types'];

  it('knows which subgraphs resolve each field, not those that only reference it (@external)', () => {
    expect(Object.fromEntries(owners)).toEqual({
      'Query.person': ['registry'],
      'Person.citizenId': ['registry', 'education'],
      'Person.name': ['registry'],
      'Person.education': ['education'],
      'EducationSlice.level': ['education'],
    });
  });

  it('are the planned fields less those only silent subgraphs resolve; a key another subgraph resolves stays', () => {
    expect(fieldsAnswered(planned, owners, new Set())).toBe(planned);
    expect(fieldsAnswered(planned, owners, new Set(['education']))).toEqual(['Query.person', 'Person.citizenId', 'Person.name', '__Schema.types']);
    expect(fieldsAnswered(planned, owners, new Set(['registry', 'education']))).toEqual(['__Schema.types']);
  });
});
