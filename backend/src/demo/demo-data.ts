import type { CreateProjectDto } from '../projects/project.dto.js';
import { readDemoImage } from './demo-images.js';

/** An image file to import; read only when the seeder runs. */
export interface DemoImage {
  name: string;
  png: () => Buffer;
}

/** What a fresh embedded install shows: one small project of each type. */
export interface DemoProject {
  project: CreateProjectDto;
  items: Array<{ externalId: string; data: Record<string, unknown> }>;
  images?: DemoImage[];
}

const reviews = [
  'An absolute delight from the first scene to the last.',
  'I checked my watch four times. Never again.',
  'Solid acting, forgettable plot.',
  'The soundtrack alone is worth the ticket.',
  'A mess of a script rescued by a great cast.',
  'Beautifully shot but painfully slow.',
  'My kids loved it and so did I.',
  'It tries to be clever and ends up confusing.',
  'Not bad, not great, perfectly fine for a Sunday.',
  'One of the best films of the decade.',
  'The ending ruined everything that came before.',
  'Charming, funny and surprisingly moving.',
];

const headlines = [
  'Central bank raises rates as inflation stays high',
  'Local team wins championship after dramatic final',
  'New battery chemistry promises cheaper electric cars',
  'Parliament debates funding for public hospitals',
  'Chip maker opens factory, creating 3,000 jobs',
  'Olympic committee announces host city for 2036',
  'Researchers train language model on medical records',
  'Minister resigns over stadium contract scandal',
];

const sentences = [
  'Ada Lovelace met Charles Babbage in London in 1833.',
  'Marie Curie moved from Warsaw to Paris to study physics.',
  'Alan Turing worked at Bletchley Park during the war.',
  'Grace Hopper joined the Navy reserve in New York.',
  'Tim Berners-Lee proposed the web while working at CERN in Geneva.',
  'Katherine Johnson calculated trajectories for NASA in Virginia.',
];

const captions = [
  'A red square on a white wall',
  'Two cups of coffee on a table',
  'A cyclist crossing a bridge at dusk',
  'A dog asleep on a sofa',
];

export const DEMO_PROJECTS: DemoProject[] = [
  {
    project: {
      name: 'Movie review sentiment',
      type: 'classification',
      labels: ['positive', 'negative', 'neutral'],
      overlap: 3,
      rewardPerLabel: '0.05',
      instructions: 'Read the review and pick the sentiment of the reviewer. Use neutral for mixed or flat reviews.',
      status: 'active',
    },
    items: reviews.map((text, i) => ({ externalId: `review-${i + 1}`, data: { text } })),
  },
  {
    project: {
      name: 'News topics',
      type: 'multilabel',
      labels: ['economy', 'sports', 'technology', 'politics', 'health'],
      overlap: 3,
      rewardPerLabel: '0.08',
      instructions: 'Select every topic the headline is about.',
      status: 'active',
    },
    items: headlines.map((text, i) => ({ externalId: `headline-${i + 1}`, data: { text } })),
  },
  {
    project: {
      name: 'People and places',
      type: 'spans',
      labels: ['PERSON', 'LOCATION', 'ORGANIZATION', 'DATE'],
      overlap: 2,
      rewardPerLabel: '0.2',
      instructions: 'Mark every person, location, organization and date in the sentence.',
      status: 'active',
    },
    items: sentences.map((text, i) => ({ externalId: `sentence-${i + 1}`, data: { text } })),
  },
  {
    project: {
      name: 'Street scene objects',
      type: 'boxes',
      labels: ['car', 'person', 'dog', 'tree', 'house'],
      overlap: 2,
      rewardPerLabel: '0.3',
      instructions: 'Draw a tight box around every car, person, dog, tree and house, and give each box its label.',
      status: 'active',
    },
    items: [],
    // Drawn for Tessera (images/street-scene.svg, rendered to PNG by Chromium): no third-party licence.
    images: [{ name: 'street-scene.png', png: () => readDemoImage('street-scene.png') }],
  },
  {
    project: {
      name: 'Write a better caption',
      type: 'text',
      labels: [],
      overlap: 2,
      rewardPerLabel: '0.15',
      instructions: 'Rewrite the caption so it is vivid and precise, in one sentence.',
      status: 'active',
    },
    items: captions.map((text, i) => ({ externalId: `caption-${i + 1}`, data: { text } })),
  },
];
