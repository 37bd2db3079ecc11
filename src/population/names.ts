import { Random, Weighted } from './random.js';

/**
 * Plausible Chinese names. Family-name weights are shares in per mille: nationally after the
 * Ministry of Public Security's 2020 ranking, in Guangdong after the provincial ranking (陈 and 黄
 * lead there, 王 is rare), and in Guangxi with the Zhuang and Yao names (韦 覃 莫 蒙 农 盘).
 */
export type NameStock = 'national' | 'cantonese' | 'guangxi';

const NATIONAL: Array<[string, number]> = [
  ['王', 72], ['李', 72], ['张', 69], ['刘', 54], ['陈', 46], ['杨', 32], ['黄', 25], ['赵', 22], ['吴', 21],
  ['周', 19], ['徐', 17], ['孙', 16], ['马', 15], ['朱', 14], ['胡', 13], ['郭', 12], ['何', 12], ['林', 11],
  ['高', 11], ['罗', 11], ['郑', 10], ['梁', 10], ['谢', 9], ['宋', 8], ['唐', 8], ['许', 8], ['韩', 8],
  ['冯', 8], ['邓', 8], ['曹', 7], ['彭', 7], ['曾', 7], ['肖', 7], ['田', 6], ['董', 6], ['袁', 6], ['潘', 6],
  ['于', 6], ['蒋', 6], ['蔡', 6], ['余', 6], ['杜', 6], ['叶', 6], ['程', 5], ['苏', 5], ['魏', 5], ['吕', 5],
  ['丁', 5], ['任', 5], ['沈', 5], ['姚', 4], ['卢', 4], ['姜', 4], ['崔', 4], ['钟', 4], ['谭', 4], ['陆', 4],
  ['汪', 4], ['范', 4], ['金', 4], ['石', 4], ['廖', 4], ['贾', 4], ['夏', 3], ['韦', 3], ['付', 3], ['方', 3],
  ['白', 3], ['邹', 3], ['孟', 3], ['熊', 3], ['秦', 3], ['邱', 3], ['江', 3], ['尹', 3], ['薛', 3], ['闫', 3],
  ['段', 2], ['雷', 2], ['侯', 2], ['龙', 2], ['史', 2], ['陶', 2], ['黎', 2], ['贺', 2], ['顾', 2], ['毛', 2],
  ['郝', 2], ['龚', 2], ['邵', 2], ['万', 2], ['钱', 2], ['覃', 2], ['武', 2], ['戴', 2], ['欧阳', 0.5],
];

const CANTONESE: Array<[string, number]> = [
  ['陈', 93], ['黄', 60], ['李', 56], ['张', 44], ['梁', 42], ['林', 37], ['刘', 33], ['吴', 32], ['罗', 26],
  ['何', 24], ['郑', 23], ['杨', 22], ['谢', 21], ['周', 20], ['邓', 19], ['王', 18], ['冯', 16], ['曾', 16],
  ['叶', 15], ['蔡', 14], ['钟', 13], ['苏', 12], ['卢', 12], ['许', 11], ['朱', 11], ['潘', 10], ['谭', 9],
  ['余', 9], ['彭', 9], ['胡', 9], ['赖', 8], ['廖', 8], ['莫', 8], ['邱', 8], ['徐', 8], ['温', 7], ['江', 6],
  ['麦', 5], ['关', 5], ['庄', 5], ['古', 3], ['骆', 3], ['区', 3], ['欧阳', 2], ['司徒', 1.5], ['上官', 0.3],
];

const GUANGXI: Array<[string, number]> = [
  ['黄', 80], ['李', 60], ['陈', 55], ['韦', 50], ['梁', 40], ['覃', 35], ['莫', 30], ['刘', 30], ['蒙', 22],
  ['陆', 20], ['卢', 20], ['张', 20], ['农', 15], ['蓝', 10], ['潘', 10], ['廖', 10], ['谭', 10], ['盘', 6],
  ['赵', 8], ['邓', 8], ['王', 8], ['冯', 6], ['杨', 12], ['罗', 12], ['吴', 10], ['周', 8],
];

const FAMILY_NAMES: Record<NameStock, Weighted<string>> = {
  national: new Weighted(NATIONAL),
  cantonese: new Weighted(CANTONESE),
  guangxi: new Weighted(GUANGXI),
};

/**
 * Given-name characters by sex and by generation: 建国 and 秀英 belong to grandparents, 子轩 and
 * 梓涵 to children born after 2000. The split years follow the naming fashions, not any rule.
 */
const GIVEN: Record<'male' | 'female', Array<[number, string]>> = {
  male: [
    [1970, '国建华军明强伟志平文荣德辉勇忠福林海庆祥永生光新东成卫兵金'],
    [2000, '伟磊杰涛鹏超斌浩勇俊峰强军波辉刚健亮晨宇文明龙飞锋家志嘉振'],
    [9999, '子轩浩宇泽梓睿俊晨铭博航皓然宸煜昊一嘉逸辰瑞凯文杰锦天宏烨楷'],
  ],
  female: [
    [1970, '秀英兰芳玉珍红霞丽梅凤桂琴云萍华敏燕娟美惠淑月莲'],
    [2000, '婷丽娟静敏燕艳霞芳琳颖倩莉雪慧佳欣晓丹蕾洁晶玲萍嘉思露'],
    [9999, '子涵梓欣怡诗雨可思语萱琪妍悦馨佳彤晴嘉琳若依瑶芷昕乐心沐一安'],
  ],
};

export function familyName(random: Random, stock: NameStock): string {
  return random.weighted(FAMILY_NAMES[stock]);
}

export function givenName(random: Random, sex: 'male' | 'female', birthYear: number): string {
  const pool = GIVEN[sex].find(([until]) => birthYear < until)![1];
  // Single-character given names were common for the older generations and are rare now.
  const single = random.chance(birthYear < 1970 ? 0.3 : birthYear < 2000 ? 0.15 : 0.06);
  const first = random.pick(pool);
  if (single) return first;
  // Reduplicated names (婷婷, 欣欣) are a small but real share.
  return first + (random.chance(0.04) ? first : random.pick(pool));
}
