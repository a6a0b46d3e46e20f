/** Options of the impact matrix panel. */
export interface MatrixOptions {
  /** Value from which a cell reads medium, high and critical. */
  mediumAt: number;
  highAt: number;
  criticalAt: number;
  /** Word after the number in each cell, for example `open`. */
  unitLabel: string;
  /** Clicking a cell opens the app's work queue for it. */
  drillToApp: boolean;
  /** Large type for NOC screens. */
  large: boolean;
}

export const DEFAULT_OPTIONS: MatrixOptions = {
  mediumAt: 1,
  highAt: 5,
  criticalAt: 20,
  unitLabel: 'open',
  drillToApp: true,
  large: false,
};
