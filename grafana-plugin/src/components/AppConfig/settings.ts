import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { toCollectorError } from '../../api/errors';
import { PLUGIN_ID } from '../../constants';

/** What the app keeps in Grafana's plugin settings. */
export interface AppJsonData {
  collectorUrl?: string;
}

export interface SettingsUpdate {
  collectorUrl: string;
  /** Only set when the user typed a new token: an unchanged one is never resent. */
  collectorToken?: string;
}

/** Saves the app's settings; Grafana encrypts secureJsonData and never returns it. */
export async function saveSettings(update: SettingsUpdate): Promise<void> {
  const body = {
    enabled: true,
    pinned: true,
    jsonData: { collectorUrl: update.collectorUrl.trim().replace(/\/+$/, '') },
    ...(update.collectorToken === undefined
      ? {}
      : { secureJsonData: { collectorToken: update.collectorToken } }),
  };
  try {
    await lastValueFrom(
      getBackendSrv().fetch({
        method: 'POST',
        url: `/api/plugins/${PLUGIN_ID}/settings`,
        data: body,
        showErrorAlert: false,
      })
    );
  } catch (error) {
    throw toCollectorError(error);
  }
}

/** Why a collector URL cannot work, or undefined when it looks right. */
export function urlProblem(url: string): string | undefined {
  const text = url.trim();
  if (text === '') {
    return "Enter the collector URL as Grafana's server reaches it, for example http://collector:8080.";
  }
  try {
    const parsed = new URL(text);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      return `The URL must start with http:// or https://, not ${parsed.protocol}//.`;
    }
    return undefined;
  } catch {
    return `"${text}" is not a URL; write it as http://host:port.`;
  }
}
