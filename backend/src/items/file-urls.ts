// TEMP issue-11 merge: tasks/tasks.service.ts still imports FileUrls from here; it lives in domain/ now.
export * from './domain/file-urls.js';
