import type { GraphQLField } from 'graphql';
import { getNamedType } from 'graphql';
import { incomeBracketOf } from '../domain/income-brackets.js';

/**
 * The customary de-identified displays (DOMAIN.md "Display masks"). Each takes the value as it
 * leaves the gateway (scalars already serialised to strings) and returns what a `masked` grant
 * shows. GB/T 35273 fixes no pattern; these are the ones city staff recognise.
 */
export type Mask = (value: string) => string;

/** ID number: the first 6 (region) and last 4 characters, e.g. 440106********1234. */
export const maskCitizenId: Mask = (id) => `${id.slice(0, 6)}${'*'.repeat(Math.max(0, id.length - 10))}${id.slice(-4)}`;

/** Name: the family name only, one asterisk per hidden character, e.g. 张**. */
export const maskName: Mask = (name) => {
  const characters = [...name];
  return characters[0] === undefined ? '' : `${characters[0]}${'*'.repeat(characters.length - 1)}`;
};

/** Address: down to the district (区/县) only, e.g. 广州市白云区****. */
export const maskAddress: Mask = (address) => {
  const district = /^.*?[市州].*?[区县]/u.exec(address)?.[0] ?? /^.*?[区县市]/u.exec(address)?.[0];
  return district ? `${district}****` : '****';
};

/** Date: the year only. */
export const maskDate: Mask = (date) => date.slice(0, 4);

/** Money: the IIT bracket the amount falls in, never the amount, e.g. 36000–144000. */
export const maskMoney: Mask = (yuan) => incomeBracketOf(Number(yuan));

/**
 * The mask for a field, found from its type (CitizenId, Date, Money) or, for text, its name; `null`
 * when the field has no customary mask, in which case a policy may not grant it as `masked`.
 */
export function maskFor(fieldName: string, field: GraphQLField<unknown, unknown>): Mask | null {
  const type = getNamedType(field.type).name;
  if (type === 'CitizenId') return maskCitizenId;
  if (type === 'Date') return maskDate;
  if (type === 'Money') return maskMoney;
  if (type === 'String' && fieldName === 'name') return maskName;
  if (type === 'String' && fieldName === 'address') return maskAddress;
  return null;
}
