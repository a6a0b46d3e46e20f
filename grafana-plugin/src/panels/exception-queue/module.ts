import { PanelPlugin } from '@grafana/data';

import { ExceptionQueuePanel } from './ExceptionQueuePanel';
import { DEFAULT_QUEUE_OPTIONS, type QueueOptions } from './options';

const TEXT_FILTERS = [
  ['plant', 'Plant'],
  ['process', 'Process'],
  ['interface', 'Interface'],
  ['class', 'Exception class'],
  ['state', 'State'],
] as const;

export const plugin = new PanelPlugin<QueueOptions>(ExceptionQueuePanel).setPanelOptions(
  (builder) => {
    for (const [path, name] of TEXT_FILTERS) {
      builder.addTextInput({
        path,
        name,
        description: 'An id or a dashboard variable such as $plant; empty shows all',
        defaultValue: DEFAULT_QUEUE_OPTIONS[path],
      });
    }
    return builder.addNumberInput({
      path: 'limit',
      name: 'Rows',
      defaultValue: DEFAULT_QUEUE_OPTIONS.limit,
    });
  }
);
