import { useState } from 'react';
import { useNotify } from 'react-admin';

/**
 * A dialog's submit: runs the action once at a time (`sending` while it runs) and tells the admin
 * why it failed, under the given message key (`%{message}` is the error's).
 */
export function useDialogAction(failedKey: string) {
  const notify = useNotify();
  const [sending, setSending] = useState(false);
  async function run(action: () => Promise<void>): Promise<void> {
    setSending(true);
    try {
      await action();
    } catch (error) {
      notify(failedKey, { type: 'error', messageArgs: { message: error instanceof Error ? error.message : String(error) } });
    } finally {
      setSending(false);
    }
  }
  return { sending, run };
}
