/**
 * Labelled texts with known vocabularies, for the text generator's tests: each label has its own
 * words; sentences are drawn from a small phrase grammar, so many sources share long runs and an
 * unguarded n-gram model would copy them.
 */
import { seededRandom } from '../../../quality/domain/seeded-random.js';

export const TEXT_VOCABULARY: Readonly<Record<string, { subjects: string[]; verbs: string[]; objects: string[]; endings: string[] }>> = {
  positive: {
    subjects: ['the staff', 'our guide', 'the room', 'the breakfast', 'the view'],
    verbs: ['was truly wonderful and', 'felt warm and', 'made us happy and', 'was lovely and'],
    objects: ['we would gladly return', 'everything was spotless', 'the price was fair', 'the bed was comfortable'],
    endings: ['highly recommended', 'five stars', 'a delight', 'thank you so much'],
  },
  negative: {
    subjects: ['the lobby', 'the manager', 'the shower', 'the wifi', 'the noise'],
    verbs: ['was awful and', 'felt cold and', 'ruined our stay and', 'was broken and'],
    objects: ['nobody helped us', 'the carpet smelled', 'we asked for a refund', 'the door would not lock'],
    endings: ['never again', 'one star', 'avoid this place', 'very disappointing'],
  },
};

export function labelledTexts(perLabel: number, seed: number): Array<{ label: string; text: string }> {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const out: Array<{ label: string; text: string }> = [];
  for (const [label, words] of Object.entries(TEXT_VOCABULARY)) {
    for (let i = 0; i < perLabel; i++) {
      const sentences = 1 + Math.floor(random() * 3);
      const parts: string[] = [];
      for (let s = 0; s < sentences; s++)
        parts.push(`${pick(words.subjects)} ${pick(words.verbs)} ${pick(words.objects)}, ${pick(words.endings)}.`);
      out.push({ label, text: parts.join(' ') });
    }
  }
  return out;
}
