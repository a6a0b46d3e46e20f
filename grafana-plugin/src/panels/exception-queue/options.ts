/** Options of the exception queue panel; text fields accept dashboard variables. */
export interface QueueOptions {
  plant: string;
  process: string;
  interface: string;
  class: string;
  state: string;
  limit: number;
}

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = {
  plant: '',
  process: '',
  interface: '',
  class: '',
  state: '',
  limit: 10,
};
