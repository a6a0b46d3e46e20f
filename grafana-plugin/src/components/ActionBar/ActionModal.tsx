import { Button, Field, Modal, TextArea } from '@grafana/ui';
import { useRef, useState } from 'react';

import { takeAction } from '../../api/collector';
import { type CollectorError, toCollectorError } from '../../api/errors';
import { newRequestId } from '../../api/requestId';
import { type ActionResult, type ExceptionAction, type ExceptionDetail } from '../../api/types';
import { formatBusinessKey } from '../../links/links';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { testIds } from '../testIds';
import { actionLabel } from './ActionBar';

/** Actions whose reason is required: they close or refuse work. */
const NEEDS_REASON = new Set<ExceptionAction>(['reject', 'ignore', 'resolve']);

const EXPLAIN: Partial<Record<ExceptionAction, string>> = {
  acknowledge: 'Tells the other teams you are on it.',
  approve: 'Approves the requested replay; the collector then sends it once.',
  reject: 'Refuses the requested replay; nothing is sent.',
  resolve: 'Closes the exception without a replay, for example after a manual fix.',
  ignore: 'Closes the exception as not needing any action.',
  'mark-corrected': 'Records that the source data was corrected; a replay may follow.',
};

interface Props {
  exception: ExceptionDetail;
  action: ExceptionAction;
  onDismiss: () => void;
  onDone: (result: ActionResult) => void;
}

/** Confirms any action but replay, with a reason for the audit trail. */
export function ActionModal({ exception, action, onDismiss, onDone }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<CollectorError>();
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());
  const missingReason = NEEDS_REASON.has(action) && reason.trim() === '';

  const submit = async () => {
    setBusy(true);
    try {
      const body = { requestId: requestId.current, ...(reason ? { reason } : {}) };
      onDone(await takeAction(exception.id, action, body));
    } catch (failure) {
      setError(toCollectorError(failure));
      setBusy(false);
    }
  };

  const title = `${actionLabel(action)} ${formatBusinessKey(exception.businessKey)}?`;
  return (
    <Modal title={title} isOpen onDismiss={onDismiss}>
      <p>{EXPLAIN[action]}</p>
      <Field label="Reason" required={NEEDS_REASON.has(action)}>
        <TextArea value={reason} onChange={(event) => setReason(event.currentTarget.value)} />
      </Field>
      {error && <ErrorNotice title={`${actionLabel(action)} refused`} error={error} />}
      <Modal.ButtonRow>
        <Button variant="secondary" fill="outline" onClick={onDismiss}>
          Cancel
        </Button>
        <Button
          disabled={busy || missingReason}
          onClick={submit}
          data-testid={testIds.drawer.action(`${action}-confirm`)}
        >
          {actionLabel(action)}
        </Button>
      </Modal.ButtonRow>
    </Modal>
  );
}
