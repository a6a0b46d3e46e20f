import { Alert } from '@grafana/ui';

import { type ExceptionSummary } from '../../api/types';
import { decisionLabel } from '../../display/format';
import { replayConsequence, replayMaySend } from '../../display/policy';
import { testIds } from '../testIds';

interface Props {
  exception: ExceptionSummary;
}

/** What policy says about replaying this exception, and what will happen. */
export function PolicyNotice({ exception }: Props) {
  const { decision, reason } = exception.replayPolicy;
  const severity = decision === 'allowed' ? 'info' : replayMaySend(decision) ? 'warning' : 'error';
  return (
    <div data-testid={testIds.replayConfirm.policy} data-decision={decision}>
      <Alert severity={severity} title={`Policy: ${decisionLabel(decision)}`}>
        <div>{reason}</div>
        <div>{replayConsequence(exception)}</div>
      </Alert>
    </div>
  );
}
