import { type AppPluginMeta, PluginType } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { backend } from '../../../test/support/fakeBackend';
import { testIds } from '../testIds';
import { AppConfig, type AppConfigProps } from './AppConfig';
import { type AppJsonData } from './settings';

const info = {
  name: 'syncgov-collector',
  version: '0.1.0',
  catalog: {
    organisation: 'Acme',
    plants: 3,
    processes: 8,
    interfaces: 14,
    loadedAt: '2026-07-14T08:00:00Z',
  },
};

function renderConfig(jsonData: AppJsonData, tokenSaved: boolean) {
  const meta = {
    id: 'syncgov-governance-app',
    type: PluginType.app,
    jsonData,
    secureJsonFields: { collectorToken: tokenSaved },
  } as unknown as AppPluginMeta<AppJsonData>;
  render(<AppConfig {...({ plugin: { meta }, query: {} } as unknown as AppConfigProps)} />);
}

const settingsCalls = () =>
  backend.callsTo('POST', /\/api\/plugins\/syncgov-governance-app\/settings$/);

describe('App configuration', () => {
  it('saves the URL without resending a token that was not changed', async () => {
    const user = userEvent.setup();
    backend.on('POST', /settings$/, { body: {} }).on('GET', /\/v1\/info$/, { body: info });
    renderConfig({ collectorUrl: 'http://collector:8080' }, true);
    await user.click(screen.getByTestId(testIds.appConfig.save));
    expect(await screen.findByTestId(testIds.appConfig.result)).toHaveAttribute('data-state', 'ok');
    expect(settingsCalls()[0]?.body).toEqual({
      enabled: true,
      pinned: true,
      jsonData: { collectorUrl: 'http://collector:8080' },
    });
  });

  it('sends a new token once, and shows the version and catalog summary', async () => {
    const user = userEvent.setup();
    backend.on('POST', /settings$/, { body: {} }).on('GET', /\/v1\/info$/, { body: info });
    renderConfig({}, false);
    await user.type(screen.getByTestId(testIds.appConfig.url), 'http://collector:8080/');
    await user.type(screen.getByTestId(testIds.appConfig.token), 's3cret');
    await user.click(screen.getByTestId(testIds.appConfig.save));
    const result = await screen.findByTestId(testIds.appConfig.result);
    expect(result).toHaveTextContent('Connected to syncgov-collector 0.1.0');
    expect(result).toHaveTextContent('Catalog of Acme: 3 plants, 8 processes, 14 interfaces');
    expect(settingsCalls()[0]?.body).toMatchObject({
      jsonData: { collectorUrl: 'http://collector:8080' },
      secureJsonData: { collectorToken: 's3cret' },
    });
    expect(screen.getByTestId(testIds.appConfig.token)).toHaveValue('configured');
  });

  it('gives a clear reason when the collector refuses the token', async () => {
    const user = userEvent.setup();
    backend.on('POST', /settings$/, { body: {} }).on('GET', /\/v1\/info$/, {
      status: 401,
      body: {
        statusCode: 401,
        code: 'SYNCGOV_AUTH_TOKEN_UNKNOWN',
        error: 'Unauthorized',
        message: 'The token is not known.',
      },
    });
    renderConfig({ collectorUrl: 'http://collector:8080' }, true);
    await user.click(screen.getByTestId(testIds.appConfig.save));
    const result = await screen.findByTestId(testIds.appConfig.result);
    expect(result).toHaveAttribute('data-state', 'failed');
    expect(result).toHaveTextContent('The token is not known.');
    expect(result).toHaveTextContent('code SYNCGOV_AUTH_TOKEN_UNKNOWN');
  });

  it('refuses to save a URL Grafana could not use', async () => {
    const user = userEvent.setup();
    renderConfig({}, false);
    await user.type(screen.getByTestId(testIds.appConfig.url), 'collector:8080');
    expect(screen.getByTestId(testIds.appConfig.save)).toBeDisabled();
    expect(screen.getByText(/must start with http:\/\/ or https:\/\//)).toBeInTheDocument();
  });
});
