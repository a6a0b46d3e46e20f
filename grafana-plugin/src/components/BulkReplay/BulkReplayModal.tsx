import { Button, LoadingPlaceholder, Modal } from '@grafana/ui';
import { useEffect, useRef, useState } from 'react';

import { grafanaVerdict } from '../../access/access';
import { cancelReplayJob, getReplayJob, planReplay, startReplayJob } from '../../api/collector';
import { type CollectorError, toCollectorError } from '../../api/errors';
import { type ReplayFilter, type ReplayJob } from '../../api/types';
import { useLoad } from '../../hooks/useLoad';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { testIds } from '../testIds';
import { JobProgress } from './JobProgress';
import { PlanView } from './PlanView';

const POLL_MS = 1000;

interface Props {
  filter: ReplayFilter;
  onDismiss: () => void;
  onFinished: () => void;
}

/** Bulk replay from a filter: plan first, then confirm, watch and cancel. */
export function BulkReplayModal({ filter, onDismiss, onFinished }: Props) {
  const plan = useLoad(() => planReplay(filter), JSON.stringify(filter));
  const [job, setJob] = useState<ReplayJob>();
  const [error, setError] = useState<CollectorError>();
  const starting = useRef(false);
  const verdict = grafanaVerdict('replay');
  useJobPolling(job, setJob, setError, onFinished);

  const start = async () => {
    if (starting.current) {
      return;
    }
    starting.current = true;
    try {
      setJob(await startReplayJob(filter));
    } catch (failure) {
      setError(toCollectorError(failure));
    }
  };

  const cancel = async (id: string) => {
    try {
      setJob(await cancelReplayJob(id));
    } catch (failure) {
      setError(toCollectorError(failure));
    }
  };

  const running = job?.state === 'running';
  const count = plan.data?.replayable ?? 0;
  return (
    <Modal title="Bulk replay" isOpen onDismiss={onDismiss}>
      <div data-testid={testIds.bulk.modal}>
        {plan.error && <ErrorNotice title="Cannot plan the replay" error={plan.error} />}
        {!plan.data && !plan.error && <LoadingPlaceholder text="Planning" />}
        {plan.data && <PlanView plan={plan.data} />}
        {job && <JobProgress job={job} />}
        {error && <ErrorNotice title="Bulk replay refused" error={error} />}
        {!verdict.allowed && <p>{verdict.reason}</p>}
      </div>
      <Modal.ButtonRow>
        <Button variant="secondary" fill="outline" onClick={onDismiss}>
          {job ? 'Close' : 'Cancel'}
        </Button>
        {running && (
          <Button
            variant="destructive"
            onClick={() => cancel(job.id)}
            data-testid={testIds.bulk.cancel}
          >
            Stop replay
          </Button>
        )}
        {!job && (
          <Button
            icon="history"
            disabled={!verdict.allowed || count === 0}
            onClick={start}
            data-testid={testIds.bulk.start}
          >
            Replay {count} message{count === 1 ? '' : 's'}
          </Button>
        )}
      </Modal.ButtonRow>
    </Modal>
  );
}

function useJobPolling(
  job: ReplayJob | undefined,
  setJob: (job: ReplayJob) => void,
  setError: (error: CollectorError) => void,
  onFinished: () => void
) {
  const finished = useRef(onFinished);
  finished.current = onFinished;
  const id = job?.id;
  const running = job?.state === 'running';

  useEffect(() => {
    if (!id) {
      return undefined;
    }
    if (!running) {
      finished.current();
      return undefined;
    }
    const timer = setInterval(() => {
      getReplayJob(id).then(setJob, (failure: unknown) => setError(toCollectorError(failure)));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [id, running, setJob, setError]);
}
