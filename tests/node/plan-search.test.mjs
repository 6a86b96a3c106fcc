// The whole plan's search (static/plan.js), as residents word it: everyday
// words find the plan's terms, any word of several is enough, ages find
// their age limits, an item number finds its item.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

const context = { globalThis: {} };
runInNewContext(readFileSync(new URL('../../static/plan.js', import.meta.url), 'utf8'), context);
const { parse, matches, ageIncluded } = context.globalThis.planSearch;
const finds = (query, text, number = '0') => matches(parse(query), number, text);

test('ages asked and age limits written', () => {
  assert.deepEqual([...parse('80岁').ages], [80]);
  assert.deepEqual([...parse('80周岁').ages], [80]);
  assert.deepEqual([...parse('８０岁').ages], [80]);
  assert.deepEqual([...parse('岁').ages], []);
  assert.deepEqual([...parse('老人').ages], []);
  const pension = '将60周岁以上的参保人员……对65周岁至79周岁之间的参保人员……对80周岁以上的参保人员';
  assert.ok(ageIncluded(pension, 80));
  assert.ok(ageIncluded(pension, 70));
  assert.ok(!ageIncluded(pension, 59));
  assert.ok(ageIncluded('年满60周岁的贫困人员', 61));
  assert.ok(!ageIncluded('年满60周岁的贫困人员', 59));
  assert.ok(ageIncluded('65周岁至79周岁之间', 79));
  assert.ok(!ageIncluded('65周岁至79周岁之间', 64));
  assert.ok(ageIncluded('不满7周岁', 6));
  assert.ok(!ageIncluded('不满7周岁', 7));
  assert.ok(!ageIncluded('80周岁以上', 79));
});

test('any word and its synonyms', () => {
  assert.ok(finds('残疾 儿童', '困难残疾人生活补贴'));
  assert.ok(finds('残疾 儿童', '孤儿和事实无人抚养儿童'));
  assert.ok(!finds('残疾 儿童', '城乡居民基本养老保险'));
  assert.ok(finds('老人', '60周岁以上的参保人员'));
  assert.ok(finds('看病', '城乡居民医保财政补助'));
  assert.ok(finds('房子', '农村危房改造'));
  assert.ok(finds('80岁', '对80周岁以上的参保人员'));
  assert.ok(!finds('80岁', '16周岁以下的儿童'));
  assert.ok(finds('Old', 'elderly care'));
});

test('an empty search shows everything; an item number finds its item', () => {
  assert.ok(finds('  ', 'anything'));
  assert.ok(finds('17', '残疾军人', '17'));
  assert.ok(!finds('17', '残疾军人', '18'));
});
