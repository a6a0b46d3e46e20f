import { Alert } from '@grafana/ui';

import { type CollectorError } from '../../api/errors';

interface Props {
  title: string;
  error: CollectorError;
}

/** A failure in words: what happened, what to do, and the code to search. */
export function ErrorNotice({ title, error }: Props) {
  return (
    <Alert severity="error" title={title}>
      <div>{error.message}</div>
      {error.hint && <div>{error.hint}</div>}
      <div>
        <small>code {error.code}</small>
      </div>
    </Alert>
  );
}
