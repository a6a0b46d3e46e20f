import { Button, Field, Input, LoadingPlaceholder, Modal } from '@grafana/ui';
import { useRef, useState } from 'react';

import { actionVerdict } from '../../access/access';
import { getException, takeAction } from '../../api/collector';
import { type CollectorError, toCollectorError } from '../../api/errors';
import { newRequestId } from '../../api/requestId';
import { type ActionResult, type ExceptionDetail } from '../../api/types';
import { useLoad } from '../../hooks/useLoad';
import { formatBusinessKey } from '../../links/links';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { testIds } from '../testIds';
import { ImpactFacts } from './ImpactFacts';
import { PolicyNotice } from './PolicyNotice';

interface Props {
  exceptionId: string;
  onDismiss: () => void;
  /** Called once the collector accepted the replay. */
  onReplayed: (result: ActionResult) => void;
}

type Phase =
  | { name: 'deciding' }
  | { name: 'sending' }
  | { name: 'sent'; result: ActionResult }
  | { name: 'failed'; error: CollectorError };

/**
 * The one confirmation between a click and a replay. It shows the impact and
 * the policy, and sends at most one request per opening: the button locks on
 * the first click and every send carries the same request id.
 */
export function ReplayConfirmModal({ exceptionId, onDismiss, onReplayed }: Props) {
  const loaded = useLoad(() => getException(exceptionId), exceptionId);
  const [phase, setPhase] = useState<Phase>({ name: 'deciding' });
  const [reason, setReason] = useState('');
  const requestId = useRef(newRequestId());
  const sending = useRef(false);

  const send = async (exception: ExceptionDetail) => {
    if (sending.current) {
      return;
    }
    sending.current = true;
    setPhase({ name: 'sending' });
    try {
      const body = { requestId: requestId.current, ...(reason ? { reason } : {}) };
      const result = await takeAction(exception.id, 'replay', body);
      setPhase({ name: 'sent', result });
      onReplayed(result);
    } catch (error) {
      setPhase({ name: 'failed', error: toCollectorError(error) });
    }
  };

  const title = loaded.data ? `Replay ${formatBusinessKey(loaded.data.businessKey)}?` : 'Replay';
  return (
    <Modal title={title} isOpen onDismiss={onDismiss}>
      <div data-testid={testIds.replayConfirm.modal}>
        {loaded.error && <ErrorNotice title="Cannot load the exception" error={loaded.error} />}
        {!loaded.data && !loaded.error && <LoadingPlaceholder text="Loading impact and policy" />}
        {loaded.data && (
          <Body
            exception={loaded.data}
            phase={phase}
            reason={reason}
            onReason={setReason}
            onSend={send}
            onDismiss={onDismiss}
          />
        )}
      </div>
    </Modal>
  );
}

interface BodyProps {
  exception: ExceptionDetail;
  phase: Phase;
  reason: string;
  onReason: (reason: string) => void;
  onSend: (exception: ExceptionDetail) => void;
  onDismiss: () => void;
}

function Body({ exception, phase, reason, onReason, onSend, onDismiss }: BodyProps) {
  const verdict = actionVerdict('replay', exception.allowedActions);
  const approval = exception.replayPolicy.decision === 'needs_approval';
  const locked = !verdict.allowed || phase.name === 'sending' || phase.name === 'sent';
  return (
    <>
      <ImpactFacts exception={exception} />
      <PolicyNotice exception={exception} />
      <Field label="Reason (recorded in the audit trail)">
        <Input value={reason} onChange={(event) => onReason(event.currentTarget.value)} />
      </Field>
      {!verdict.allowed && (
        <p data-testid={testIds.drawer.actionReason('replay')}>
          Replay unavailable: {verdict.reason}
        </p>
      )}
      <Outcome phase={phase} />
      <Modal.ButtonRow>
        <Button variant="secondary" fill="outline" onClick={onDismiss}>
          {phase.name === 'sent' ? 'Close' : 'Cancel'}
        </Button>
        <Button
          icon={phase.name === 'sending' ? 'spinner' : 'history'}
          disabled={locked}
          onClick={() => onSend(exception)}
          data-testid={testIds.replayConfirm.confirm}
        >
          {approval ? 'Request approval' : 'Replay once'}
        </Button>
      </Modal.ButtonRow>
    </>
  );
}

const OUTCOMES: Record<string, string> = {
  sent: 'Replay sent once; the success event that follows confirms it.',
  unknown: 'Replay outcome unknown (the target did not answer); it is not resent blindly.',
  failed: 'The target refused the replay.',
  awaiting_approval: 'Replay requested: it waits for an approver.',
  held: 'Replay held until its prerequisite delivers.',
  deferred: 'Replay deferred until the target system recovers.',
  already_requested: 'This replay was already requested; nothing more was sent.',
};

function Outcome({ phase }: { phase: Phase }) {
  if (phase.name === 'failed') {
    return <ErrorNotice title="Replay refused" error={phase.error} />;
  }
  if (phase.name !== 'sent') {
    return null;
  }
  const { status, replay } = phase.result;
  const words = OUTCOMES[status] ?? `Replay ${status.replaceAll('_', ' ')}.`;
  return (
    <p data-testid={testIds.replayConfirm.outcome} data-status={status}>
      {words}
      {replay && ` Idempotency key ${replay.idempotencyKey}.`}
    </p>
  );
}
