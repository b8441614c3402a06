import type { ProjectType } from '../types';

/** A starting point for a project's label schema: its labels and the instructions annotators read. */
export interface LabelTemplate {
  id: string;
  labels: string[];
  instructions: string;
}

/** Common schemas per project type, as Label Studio's templates offer them; the admin edits them freely after. */
export const LABEL_TEMPLATES: Record<ProjectType, LabelTemplate[]> = {
  classification: [
    { id: 'sentiment', labels: ['positive', 'negative', 'neutral'], instructions: 'Read the text and pick the feeling it expresses.' },
    { id: 'spam', labels: ['spam', 'not spam'], instructions: 'Is this message unsolicited advertising or a scam?' },
  ],
  multilabel: [
    {
      id: 'topics',
      labels: ['economy', 'politics', 'sports', 'science', 'culture'],
      instructions: 'Tick every topic the text is about; none if it fits no topic.',
    },
  ],
  spans: [
    {
      id: 'entities',
      labels: ['PER', 'ORG', 'LOC', 'MISC'],
      instructions: 'Select each name in the text and mark it as a person, an organisation, a place or something else.',
    },
  ],
  boxes: [
    {
      id: 'objects',
      labels: ['person', 'car', 'bicycle', 'animal'],
      instructions: 'Draw a tight box around every object of these kinds, one box per object.',
    },
    { id: 'shapes', labels: ['square', 'circle', 'triangle'], instructions: 'Draw a box around each shape and name it.' },
  ],
  text: [{ id: 'caption', labels: [], instructions: 'Describe the item in one sentence.' }],
};

const SAMPLE_SCENE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">' +
  '<rect width="400" height="300" fill="#cfe8fc"/><rect y="210" width="400" height="90" fill="#8bc34a"/>' +
  '<circle cx="330" cy="60" r="32" fill="#fdd835"/><rect x="60" y="120" width="120" height="100" fill="#e57373"/>' +
  '<polygon points="50,125 120,70 190,125" fill="#8d6e63"/><rect x="230" y="180" width="110" height="40" rx="12" fill="#1e88e5"/>' +
  '<circle cx="255" cy="222" r="14" fill="#263238"/><circle cx="315" cy="222" r="14" fill="#263238"/></svg>';

/** What the preview shows an annotator would label, per type: a sentence, or a drawn scene for boxes. */
export function sampleItem(type: ProjectType): { data: Record<string, unknown> } {
  switch (type) {
    case 'boxes':
      return { data: { image: `data:image/svg+xml,${encodeURIComponent(SAMPLE_SCENE)}`, width: 400, height: 300 } };
    case 'spans':
      return { data: { text: 'Ada Lovelace met Charles Babbage in London in 1833.' } };
    case 'classification':
    case 'multilabel':
    case 'text':
      return { data: { text: 'The new stadium opened on time and under budget, to the mayor’s delight.' } };
  }
}
