import * as EmotionCss from '@emotion/css';
import * as GrafanaData from '@grafana/data';
import * as GrafanaRuntime from '@grafana/runtime';
import * as GrafanaUI from '@grafana/ui';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as JsxRuntime from 'react/jsx-runtime';
import * as ReactRouter from 'react-router';
import * as Rxjs from 'rxjs';

import { type SharedModules } from './amd';

/** The libraries Grafana shares with plugins, as the built module imports them. */
export const sharedModules: SharedModules = {
  react: React,
  'react-dom': ReactDOM,
  'react/jsx-runtime': JsxRuntime,
  'react-router': ReactRouter,
  rxjs: Rxjs,
  '@emotion/css': EmotionCss,
  '@grafana/data': GrafanaData,
  '@grafana/runtime': GrafanaRuntime,
  '@grafana/ui': GrafanaUI,
};
