import { isIPv6 } from 'node:net';

/**
 * The key refusals are counted under for one client address. IPv4-mapped IPv6 addresses count as
 * their IPv4 address, and an IPv6 address by its /64: one host is usually given a whole /64, so
 * counting single IPv6 addresses would let it start afresh from a new address at every request.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
