import { AppPlugin } from '@grafana/data';

import { App } from './components/App/App';
import { AppConfig } from './components/AppConfig/AppConfig';
import { type AppJsonData } from './components/AppConfig/settings';

export const plugin = new AppPlugin<AppJsonData>().setRootPage(App).addConfigPage({
  title: 'Configuration',
  icon: 'cog',
  body: AppConfig,
  id: 'configuration',
});
