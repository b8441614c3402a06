import { describe, expect, it } from 'vitest';
import { describeReasons } from './suspensionRules';

describe('describeReasons', () => {
  it('says what each rule measured', () => {
    expect(
      describeReasons([
        { rule: 'too_fast', medianServerTimeMs: 900, labels: 20 },
        { rule: 'straight_lining', answer: 'positive', share: 0.95, crowdTopShare: 0.5 },
        { rule: 'gold_failures', goldSeen: 6, goldCorrect: 1 },
        { rule: 'admin', by: 1, note: 'copied answers' },
      ]),
    ).toEqual([
      'Too fast: your labels took 0.9 s each (median of 20), faster than the items can be read.',
      'Same answer every time: 95 % of your labels were “positive”, while other annotators gave their most common answer 50 % of the time.',
      'Check items missed: you answered 1 of 6 check items (items with a known answer) correctly.',
      'Suspended by an admin: copied answers',
    ]);
  });

  it('names a rule it does not know rather than hiding it', () => {
    expect(describeReasons([{ rule: 'new_rule' }, 'garbage'])).toEqual(['Rule “new_rule”', 'Rule “?”']);
    expect(describeReasons(null)).toEqual([]);
  });
});
