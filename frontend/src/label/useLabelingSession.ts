import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { t } from '../i18n/i18n';
import { ApiError } from '../session/api';
import type { Session } from '../session/session';
import { answerFromDraft, toDraft, toResult, type Answer } from './answers';
import { describeError } from './describeError';
import { getProgress, getProject, nextAssignment, saveDraft, skipAssignment, type NextAnswer } from './labelApi';
import { flushPending, isOffline, onOfflineChange, submitDurably } from './pendingSubmits';
import { recordSubmitToNext } from './timings';
import type { Progress, Project, Assignment } from './types';
import { useUndoable, type Undoable } from './useUndoable';

const DRAFT_DELAY_MS = 800;
const MAX_LEAD_TIME_MS = 7 * 86_400_000;

/** Where the workspace is; the item stays on screen while it is being sent. */
export type Phase =
  | { kind: 'loading' }
  | { kind: 'working' }
  | { kind: 'sending'; action: 'submit' | 'skip' }
  | { kind: 'ended'; reason: 'expired' | 'closed'; message?: string }
  | { kind: 'empty' }
  | { kind: 'failed'; message: string };

export type DraftState = 'idle' | 'saving' | 'saved';

export interface LabelingSession {
  project: Project | undefined;
  assignment: Assignment | undefined;
  phase: Phase;
  progress: Progress | undefined;
  /** Why the last action did not go through, for the annotator. */
  notice: string | undefined;
  draftState: DraftState;
  /** When the lease ends, on this browser's clock. */
  expiresAt: number;
  offline: boolean;
  /** The answer being edited, with its undo history. */
  answer: Undoable<Answer | undefined>;
  /** Loads the project and its next item (again, after a failure). */
  start: () => Promise<void>;
  submit: () => Promise<void>;
  skip: () => Promise<void>;
  /** After an ended lease: on to the next item. */
  nextAfterEnd: () => void;
  undo: () => void;
  onLeaseExpired: () => void;
  /** The view calls it once a new item is on screen: after a submit, the wait is recorded. */
  itemShown: () => void;
}

/**
 * Labeling one project, without the screen: the phase machine (loading, working, sending, ended,
 * empty, failed), the next item and the progress, submits that survive a lost connection or a
 * reload, skips, and draft autosave.
 */
export function useLabelingSession(projectId: number, session: Session): LabelingSession {
  const [project, setProject] = useState<Project | undefined>();
  const [assignment, setAssignment] = useState<Assignment | undefined>();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [progress, setProgress] = useState<Progress | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [draftState, setDraftState] = useState<DraftState>('idle');
  const [expiresAt, setExpiresAt] = useState(0);
  const answer = useUndoable<Answer | undefined>(undefined);
  const offline = useSyncExternalStore(onOfflineChange, isOffline);

  const userId = session.user.id;
  const { reset } = answer;
  /** Bumped by every load and on unmount: answers to older requests are ignored. */
  const generation = useRef(0);
  const busy = useRef(false);
  const shownAt = useRef(0);
  const clockOffset = useRef(0);
  const submitStartedAt = useRef<number | undefined>(undefined);
  const currentAssignment = useRef<Assignment | undefined>(undefined);
  const mounted = useRef(true);

  const loadNext = useCallback(
    async (forProject: Project, options: { submitStartedAt?: number; advance?: boolean; answered?: NextAnswer } = {}): Promise<void> => {
      const ticket = ++generation.current;
      try {
        // `answered`: the submit already brought the next assignment (one round trip per label).
        const { assignment: next, clockOffsetMs } = options.answered ?? (await nextAssignment(forProject.id));
        if (ticket !== generation.current) return;
        currentAssignment.current = next;
        if (!next) {
          setAssignment(undefined);
          setPhase({ kind: 'empty' });
          getProgress(forProject.id).then(
            (fresh) => ticket === generation.current && setProgress(fresh),
            () => undefined,
          );
          return;
        }
        clockOffset.current = clockOffsetMs;
        submitStartedAt.current = options.submitStartedAt;
        reset(answerFromDraft(forProject.type, forProject.labels, next.draft));
        setAssignment(next);
        setExpiresAt(Date.parse(next.expiresAt) - clockOffsetMs);
        setPhase({ kind: 'working' });
        setNotice(undefined);
        setDraftState(next.draft === undefined ? 'idle' : 'saved');
        // The new lease is one item fewer for this annotator; the count is refreshed when none are left.
        if (options.advance) setProgress((p) => p && { ...p, remaining: Math.max(0, p.remaining - 1) });
        shownAt.current = Date.now();
      } catch (error) {
        if (ticket === generation.current) setPhase({ kind: 'failed', message: describeError(error) });
      }
    },
    [reset],
  );

  // First earlier submits still waiting in this browser (so /next does not hand their items back), then work.
  const start = useCallback(async (): Promise<void> => {
    const ticket = ++generation.current;
    setPhase({ kind: 'loading' });
    try {
      const [loaded] = await Promise.all([getProject(projectId), flushPending(userId)]);
      if (ticket !== generation.current) return;
      setProject(loaded);
      await loadNext(loaded);
      getProgress(projectId).then(setProgress, () => undefined);
    } catch (error) {
      if (ticket === generation.current) setPhase({ kind: 'failed', message: describeError(error) });
    }
  }, [projectId, userId, loadNext]);

  useEffect(() => {
    mounted.current = true;
    void start();
    return () => {
      mounted.current = false;
      generation.current++;
    };
  }, [start]);

  const itemShown = useCallback(() => {
    if (submitStartedAt.current !== undefined) {
      recordSubmitToNext(performance.now() - submitStartedAt.current);
      submitStartedAt.current = undefined;
    }
  }, []);

  // Autosave: a quiet moment after the last change, the unfinished answer goes to the server.
  const { version, value } = answer;
  useEffect(() => {
    if (version === 0 || phase.kind !== 'working' || !assignment || !value) return;
    const assignmentId = assignment.assignmentId;
    const draft = toDraft(value);
    const timer = setTimeout(() => {
      setDraftState('saving');
      saveDraft(assignmentId, draft).then(
        (expires) => {
          if (currentAssignment.current?.assignmentId !== assignmentId) return;
          setDraftState('saved');
          const until = Date.parse(expires);
          if (!Number.isNaN(until)) setExpiresAt(until - clockOffset.current);
        },
        (error: unknown) => {
          if (currentAssignment.current?.assignmentId !== assignmentId) return;
          setDraftState('idle');
          if (error instanceof ApiError && error.code === 'LEASE_EXPIRED') {
            setPhase((p) => (p.kind === 'working' ? { kind: 'ended', reason: 'expired' } : p));
          }
        },
      );
    }, DRAFT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [version, value, phase.kind, assignment]);

  async function submit(): Promise<void> {
    if (phase.kind !== 'working' || !assignment || !project || !answer.value || busy.current) return;
    const ready = toResult(answer.value);
    if (!ready.ok) {
      setNotice(t(`tessera.label.${ready.reason}`));
      return;
    }
    busy.current = true;
    const startedAt = performance.now();
    setPhase({ kind: 'sending', action: 'submit' });
    setNotice(undefined);
    try {
      const outcome = await submitDurably(
        {
          assignmentId: assignment.assignmentId,
          projectId: project.id,
          userId,
          result: ready.result,
          leadTimeMs: Math.min(MAX_LEAD_TIME_MS, Math.max(0, Date.now() - shownAt.current)),
          queuedAt: Date.now(),
        },
        { withNext: true },
      );
      if (!mounted.current || currentAssignment.current?.assignmentId !== assignment.assignmentId) return;
      switch (outcome.kind) {
        case 'submitted':
          setProgress((p) => p && { ...p, done: p.done + 1 });
          await loadNext(project, { submitStartedAt: startedAt, advance: true, ...(outcome.next ? { answered: outcome.next } : {}) });
          break;
        case 'invalid':
          setPhase({ kind: 'working' });
          setNotice(t('tessera.label.invalid', { message: outcome.message }));
          break;
        case 'expired':
          setPhase({ kind: 'ended', reason: 'expired' });
          break;
        case 'rejected':
          setPhase({ kind: 'ended', reason: 'closed', message: outcome.message });
          break;
        case 'signedOut':
          // The submit stays stored; the sign-in card takes over and it is sent after signing in.
          setPhase({ kind: 'working' });
          break;
      }
    } catch (error) {
      // Unforeseen: the label stays stored (submitDurably kept it) and the buttons come back.
      if (mounted.current) {
        setPhase({ kind: 'working' });
        setNotice(t('tessera.errors.unknown', { message: error instanceof Error ? error.message : String(error) }));
      }
    } finally {
      busy.current = false;
    }
  }

  async function skip(): Promise<void> {
    if (phase.kind !== 'working' || !assignment || !project || busy.current) return;
    busy.current = true;
    setPhase({ kind: 'sending', action: 'skip' });
    setNotice(undefined);
    try {
      await skipAssignment(assignment.assignmentId);
    } catch (error) {
      // Already closed or gone: nothing to give back, carry on. Anything else: stay on the item.
      if (!(error instanceof ApiError && (error.status === 409 || error.status === 404))) {
        busy.current = false;
        setPhase({ kind: 'working' });
        setNotice(describeError(error));
        return;
      }
    }
    try {
      if (mounted.current) await loadNext(project, { advance: true });
    } finally {
      busy.current = false;
    }
  }

  function nextAfterEnd(): void {
    if (!project || phase.kind !== 'ended') return;
    setPhase({ kind: 'loading' });
    void loadNext(project, { advance: true });
  }

  function undo(): void {
    if (phase.kind === 'working') answer.undo();
  }

  const onLeaseExpired = useCallback(() => {
    setPhase((p) => (p.kind === 'working' ? { kind: 'ended', reason: 'expired' } : p));
  }, []);

  return {
    project,
    assignment,
    phase,
    progress,
    notice,
    draftState,
    expiresAt,
    offline,
    answer,
    start,
    submit,
    skip,
    nextAfterEnd,
    undo,
    onLeaseExpired,
    itemShown,
  };
}
