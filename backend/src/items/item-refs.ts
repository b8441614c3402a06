// TEMP issue-11 merge: tasks/tasks.service.ts still imports ItemRefs from here; it lives in domain/ now.
export * from './domain/item-refs.js';
