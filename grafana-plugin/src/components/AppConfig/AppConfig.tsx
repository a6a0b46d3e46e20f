import { css } from '@emotion/css';
import { type AppPluginMeta, type GrafanaTheme2, type PluginConfigPageProps } from '@grafana/data';
import { Button, Field, FieldSet, Input, SecretInput, useStyles2 } from '@grafana/ui';
import { useState } from 'react';

import { getInfo } from '../../api/collector';
import { toCollectorError } from '../../api/errors';
import { testIds } from '../testIds';
import { type Connection, ConnectionResult } from './ConnectionResult';
import { type AppJsonData, saveSettings, urlProblem } from './settings';

export type AppConfigProps = PluginConfigPageProps<AppPluginMeta<AppJsonData>>;

/** Where the collector is, the token Grafana sends it, and a test of both. */
export function AppConfig({ plugin }: AppConfigProps) {
  const styles = useStyles2(getStyles);
  const { jsonData, secureJsonFields } = plugin.meta;
  const [url, setUrl] = useState(jsonData?.collectorUrl ?? '');
  const [token, setToken] = useState<string>();
  const [tokenSet, setTokenSet] = useState(Boolean(secureJsonFields?.collectorToken));
  const [busy, setBusy] = useState(false);
  const [connection, setConnection] = useState<Connection>();
  const problem = urlProblem(url);

  const saveAndTest = async () => {
    setBusy(true);
    try {
      await saveSettings({
        collectorUrl: url,
        ...(token === undefined ? {} : { collectorToken: token }),
      });
      setTokenSet(tokenSet || Boolean(token));
      setToken(undefined);
      setConnection({ state: 'ok', info: await getInfo() });
    } catch (error) {
      setConnection({ state: 'failed', error: toCollectorError(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <FieldSet label="Collector" className={styles.form}>
      <Field
        label="Collector URL"
        description="As Grafana's server reaches it"
        invalid={Boolean(url) && Boolean(problem)}
        error={problem}
      >
        <Input
          value={url}
          placeholder="http://collector:8080"
          onChange={(event) => setUrl(event.currentTarget.value)}
          data-testid={testIds.appConfig.url}
        />
      </Field>
      <Field
        label="Collector token"
        description="Stored encrypted by Grafana and sent only from its server"
      >
        <SecretInput
          value={token ?? ''}
          isConfigured={tokenSet && token === undefined}
          onReset={() => {
            setTokenSet(false);
            setToken('');
          }}
          onChange={(event) => setToken(event.currentTarget.value)}
          data-testid={testIds.appConfig.token}
        />
      </Field>
      <Button
        onClick={saveAndTest}
        disabled={busy || Boolean(problem)}
        data-testid={testIds.appConfig.save}
      >
        Save and test
      </Button>
      {connection && <ConnectionResult connection={connection} />}
    </FieldSet>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({ maxWidth: 640, display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
});
