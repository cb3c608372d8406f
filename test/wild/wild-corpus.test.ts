// The real-world corpus (fixtures/wild/, pastes from public issues, exactly as pasted) scored end to
// end through the real pipeline. The floors only ever go up: raise them with each fix, never lower
// them to make a change pass.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseNames, formatScore, scoreCorpus } from './score.js';

/** Expected facts stated in the visible text (start: 64 of 222, 28.8 %, on 77 cases). */
const FACTS_FLOOR = 209;
/** Cases with a cause that get no finding at all. */
const NO_FINDING_CEILING = 2;
/** Cases with a false alarm (a forbidden rule or claim, or a warning on a healthy case). */
const FALSE_ALARM_CEILING = 0;

test('wild corpus: at least 60 real cases, each with its source and expected facts', () => {
  assert.ok(caseNames().length >= 60, `${caseNames().length} cases`);
});

test('wild corpus: facts stated, findings and false alarms do not fall below the floors', async () => {
  const s = await scoreCorpus();
  console.log(formatScore(s));
  assert.ok(s.factsStated >= FACTS_FLOOR, `facts stated ${s.factsStated} of ${s.factsNeeded} < floor ${FACTS_FLOOR}`);
  assert.ok(s.noFinding <= NO_FINDING_CEILING, `${s.noFinding} cases with a cause but no finding`);
  assert.ok(s.falseAlarmCases <= FALSE_ALARM_CEILING, `${s.falseAlarmCases} cases with a false alarm`);
});
