import { Drawer, LoadingPlaceholder, Tab, TabContent, TabsBar } from '@grafana/ui';
import { useState } from 'react';

import { getException } from '../../api/collector';
import { type ActionResult, type ExceptionAction } from '../../api/types';
import { useLoad } from '../../hooks/useLoad';
import { formatBusinessKey } from '../../links/links';
import { ActionBar } from '../ActionBar/ActionBar';
import { ActionModal } from '../ActionBar/ActionModal';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { ReplayConfirmModal } from '../ReplayConfirm/ReplayConfirmModal';
import { testIds } from '../testIds';
import { PayloadPreview } from './PayloadPreview';
import { Summary } from './Summary';
import { Timeline } from './Timeline';

const TABS = ['Summary', 'Timeline', 'Payload', 'Audit'] as const;
type TabName = (typeof TABS)[number];

interface Props {
  exceptionId: string;
  onClose: () => void;
  /** Called after any action changed the exception, so lists can refresh. */
  onChanged: () => void;
}

/** One exception in full: facts, history, masked payload, audit and actions. */
export function ExceptionDrawer({ exceptionId, onClose, onChanged }: Props) {
  const loaded = useLoad(() => getException(exceptionId), exceptionId);
  const [tab, setTab] = useState<TabName>('Summary');
  const [pending, setPending] = useState<ExceptionAction>();
  const exception = loaded.data;

  const done = (_result: ActionResult) => {
    setPending(undefined);
    loaded.reload();
    onChanged();
  };

  const title = exception ? formatBusinessKey(exception.businessKey) : 'Exception';
  return (
    <Drawer title={title} subtitle={exception?.interface} onClose={onClose} size="md">
      <div data-testid={testIds.drawer.root}>
        {loaded.error && <ErrorNotice title="Cannot load the exception" error={loaded.error} />}
        {!exception && !loaded.error && <LoadingPlaceholder text="Loading exception" />}
        {exception && (
          <>
            <ActionBar exception={exception} onAction={setPending} />
            <TabsBar>
              {TABS.map((name) => (
                <Tab
                  key={name}
                  label={name}
                  active={tab === name}
                  onChangeTab={() => setTab(name)}
                />
              ))}
            </TabsBar>
            <TabContent>
              {tab === 'Summary' && <Summary exception={exception} />}
              {tab === 'Timeline' && <Timeline entries={exception.timeline} />}
              {tab === 'Payload' && (
                <PayloadPreview payload={exception.payload} payloadRef={exception.payloadRef} />
              )}
              {tab === 'Audit' && (
                <Timeline entries={exception.timeline.filter((entry) => entry.kind === 'audit')} />
              )}
            </TabContent>
          </>
        )}
      </div>
      {exception && pending === 'replay' && (
        <ReplayConfirmModal
          exceptionId={exception.id}
          onDismiss={() => setPending(undefined)}
          onReplayed={() => {
            loaded.reload();
            onChanged();
          }}
        />
      )}
      {exception && pending && pending !== 'replay' && (
        <ActionModal
          exception={exception}
          action={pending}
          onDismiss={() => setPending(undefined)}
          onDone={done}
        />
      )}
    </Drawer>
  );
}
