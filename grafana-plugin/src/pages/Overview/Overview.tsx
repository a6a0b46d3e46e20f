import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { LinkButton, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { useNavigate, useSearchParams } from 'react-router-dom';

import { getCatalog, getImpact } from '../../api/collector';
import { ErrorNotice } from '../../components/ErrorNotice/ErrorNotice';
import { type Drill, ImpactMatrix } from '../../components/ImpactMatrix/ImpactMatrix';
import { testIds } from '../../components/testIds';
import { DEFAULT_KIOSK_REFRESH_SECONDS } from '../../constants';
import { formatTime } from '../../display/format';
import { useLoad } from '../../hooks/useLoad';
import { exceptionsLink, overviewLink } from '../../links/links';
import { buildOverview } from './model';
import { SummaryStrip } from './SummaryStrip';

async function loadOverview() {
  const [catalog, report] = await Promise.all([getCatalog(), getImpact()]);
  return { model: buildOverview(catalog, report), report, catalog };
}

function refreshSeconds(params: URLSearchParams, kiosk: boolean): number | undefined {
  const asked = Number.parseInt(params.get('refresh') ?? '', 10);
  if (Number.isFinite(asked) && asked >= 5) {
    return asked;
  }
  return kiosk ? DEFAULT_KIOSK_REFRESH_SECONDS : undefined;
}

/** Business impact by plant and process; `?kiosk` turns it into a NOC wall. */
export function Overview() {
  const [params] = useSearchParams();
  const kiosk = params.has('kiosk');
  const navigate = useNavigate();
  const styles = useStyles2(getStyles);
  const loaded = useLoad(loadOverview, 'overview', refreshSeconds(params, kiosk));
  const drill = (target: Drill) => navigate(exceptionsLink(target));

  const body = (
    <div className={styles.page} data-testid={testIds.overview.page} data-kiosk={kiosk}>
      {loaded.error && <ErrorNotice title="Business impact unavailable" error={loaded.error} />}
      {!loaded.data && !loaded.error && <LoadingPlaceholder text="Loading business impact" />}
      {loaded.data && (
        <>
          {kiosk && (
            <h1 className={styles.kioskTitle}>
              {loaded.data.catalog.organisation}: integration health by plant and process
            </h1>
          )}
          <SummaryStrip totals={loaded.data.model.totals} large={kiosk} />
          <ImpactMatrix {...loaded.data.model} onDrill={drill} large={kiosk} />
          <p className={styles.footer}>
            Updated {formatTime(loaded.data.report.generatedAt)} UTC
            {kiosk && ' · refreshes by itself'}
          </p>
        </>
      )}
    </div>
  );

  if (kiosk) {
    return body;
  }
  return (
    <PluginPage subTitle="Which business processes at which plants a failing sync hurts">
      <KioskLink />
      {body}
    </PluginPage>
  );
}

function KioskLink() {
  return (
    <LinkButton
      href={overviewLink(true)}
      icon="monitor"
      variant="secondary"
      size="sm"
      data-testid={testIds.overview.kioskLink}
    >
      Open the NOC view (large type, refreshes itself)
    </LinkButton>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  kioskTitle: css({ fontSize: theme.typography.h1.fontSize, margin: theme.spacing(0, 0, 1, 0) }),
  footer: css({ color: theme.colors.text.secondary, marginTop: theme.spacing(1) }),
});
