/** Guangzhou's current districts (GB/T 2260), keyed by the GraphQL `District` enum value. */
export const DISTRICTS = {
  LIWAN: { code: '440103', name: '荔湾区' },
  YUEXIU: { code: '440104', name: '越秀区' },
  HAIZHU: { code: '440105', name: '海珠区' },
  TIANHE: { code: '440106', name: '天河区' },
  BAIYUN: { code: '440111', name: '白云区' },
  HUANGPU: { code: '440112', name: '黄埔区' },
  PANYU: { code: '440113', name: '番禺区' },
  HUADU: { code: '440114', name: '花都区' },
  NANSHA: { code: '440115', name: '南沙区' },
  CONGHUA: { code: '440117', name: '从化区' },
  ZENGCHENG: { code: '440118', name: '增城区' },
} as const;

export type DistrictKey = keyof typeof DISTRICTS;
export type DistrictCode = (typeof DISTRICTS)[DistrictKey]['code'];

const KEY_BY_CODE = new Map<string, DistrictKey>(
  (Object.entries(DISTRICTS) as [DistrictKey, { code: string }][]).map(([key, { code }]) => [code, key]),
);

/** The `District` enum value for a stored GB/T 2260 code; throws on a code that is not a current district. */
export function districtOf(code: string): DistrictKey {
  const key = KEY_BY_CODE.get(code);
  if (!key) throw new Error(`${code} is not the code of a current Guangzhou district`);
  return key;
}

/** Whether `code` is the GB/T 2260 code of a current Guangzhou district. */
export function isDistrictCode(code: string): boolean {
  return KEY_BY_CODE.has(code);
}
