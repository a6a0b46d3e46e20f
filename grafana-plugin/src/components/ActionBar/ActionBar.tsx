import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Button, Tooltip, useStyles2 } from '@grafana/ui';

import { actionVerdict, type Verdict } from '../../access/access';
import { type ExceptionAction, type ExceptionDetail } from '../../api/types';
import { testIds } from '../testIds';

/** The actions offered on every exception, in the order people reach for them. */
const ALWAYS_SHOWN: ExceptionAction[] = [
  'replay',
  'acknowledge',
  'approve',
  'reject',
  'resolve',
  'ignore',
];

const LABELS: Record<ExceptionAction, string> = {
  replay: 'Replay',
  acknowledge: 'Acknowledge',
  assign: 'Assign',
  approve: 'Approve',
  reject: 'Reject',
  resolve: 'Resolve',
  ignore: 'Ignore',
  'mark-corrected': 'Mark corrected',
};

interface Props {
  exception: ExceptionDetail;
  onAction: (action: ExceptionAction) => void;
}

function shownActions(exception: ExceptionDetail): ExceptionAction[] {
  const extra = exception.allowedActions
    .map((entry) => entry.action)
    .filter((action) => !ALWAYS_SHOWN.includes(action) && action !== 'assign');
  return [...ALWAYS_SHOWN, ...extra];
}

/**
 * Every action stays visible. One the user may not take is disabled, and the
 * reason is both in its tooltip and written out below the buttons.
 */
export function ActionBar({ exception, onAction }: Props) {
  const styles = useStyles2(getStyles);
  const verdicts = shownActions(exception).map(
    (action) => [action, actionVerdict(action, exception.allowedActions)] as const
  );
  const refused = verdicts.filter(([, verdict]) => !verdict.allowed);
  return (
    <div>
      <div className={styles.buttons}>
        {verdicts.map(([action, verdict]) => (
          <ActionButton key={action} action={action} verdict={verdict} onAction={onAction} />
        ))}
      </div>
      {refused.length > 0 && (
        <ul className={styles.reasons} aria-label="Why some actions are unavailable">
          {refused.map(([action, verdict]) => (
            <li key={action} data-testid={testIds.drawer.actionReason(action)}>
              <strong>{LABELS[action]}:</strong> {verdict.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface ButtonProps {
  action: ExceptionAction;
  verdict: Verdict;
  onAction: (action: ExceptionAction) => void;
}

function ActionButton({ action, verdict, onAction }: ButtonProps) {
  const button = (
    <Button
      variant={action === 'replay' ? 'primary' : 'secondary'}
      icon={action === 'replay' ? 'history' : undefined}
      disabled={!verdict.allowed}
      onClick={() => onAction(action)}
      data-testid={testIds.drawer.action(action)}
    >
      {LABELS[action]}
    </Button>
  );
  if (verdict.allowed) {
    return button;
  }
  return (
    <Tooltip content={verdict.reason ?? ''}>
      <span>{button}</span>
    </Tooltip>
  );
}

export function actionLabel(action: ExceptionAction): string {
  return LABELS[action];
}

const getStyles = (theme: GrafanaTheme2) => ({
  buttons: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) }),
  reasons: css({
    margin: theme.spacing(1, 0, 0, 2),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
