import { PROXY_BASE_URL } from '../constants';
import {
  actionResultCheck,
  catalogCheck,
  collectorInfoCheck,
  exceptionDetailCheck,
  exceptionPageCheck,
  impactReportCheck,
  replayJobCheck,
  replayPlanCheck,
} from './guards';
import { call, query } from './http';
import {
  type ActionResult,
  type Catalog,
  type CollectorInfo,
  type ExceptionAction,
  type ExceptionDetail,
  type ExceptionFilter,
  type ExceptionPage,
  type ImpactReport,
  type ReplayFilter,
  type ReplayJob,
  type ReplayPlan,
} from './types';

/** Read routes: GET through the proxy route `v1/*`. */
const READ = `${PROXY_BASE_URL}/v1`;

/** Action routes: one per action, so Grafana can gate each separately. */
function actionUrl(id: string, action: ExceptionAction): string {
  const exception = encodeURIComponent(id);
  return `${PROXY_BASE_URL}/actions/${action}/${exception}/actions/${action}`;
}

/** Bulk replay routes: POST through the proxy route `bulk-replay/*`. */
const BULK = `${PROXY_BASE_URL}/bulk-replay`;

export function getInfo(): Promise<CollectorInfo> {
  return call({ method: 'GET', url: `${READ}/info` }, collectorInfoCheck);
}

export function getCatalog(): Promise<Catalog> {
  return call({ method: 'GET', url: `${READ}/catalog` }, catalogCheck);
}

export function getImpact(filter: { region?: string; plant?: string; process?: string } = {}) {
  return call<ImpactReport>(
    { method: 'GET', url: `${READ}/impact${query(filter)}` },
    impactReportCheck
  );
}

export function listExceptions(
  filter: ExceptionFilter,
  page: { limit?: number; cursor?: string } = {}
): Promise<ExceptionPage> {
  const url = `${READ}/exceptions${query({ ...filter, ...page })}`;
  return call({ method: 'GET', url }, exceptionPageCheck);
}

export function getException(id: string): Promise<ExceptionDetail> {
  const url = `${READ}/exceptions/${encodeURIComponent(id)}`;
  return call({ method: 'GET', url }, exceptionDetailCheck);
}

export interface ActionRequest {
  reason?: string;
  assignee?: string;
  /** The same id for every send of one decision, so a repeat is a no-op. */
  requestId: string;
}

export function takeAction(
  id: string,
  action: ExceptionAction,
  body: ActionRequest
): Promise<ActionResult> {
  return call({ method: 'POST', url: actionUrl(id, action), body }, actionResultCheck);
}

export function planReplay(filter: ReplayFilter): Promise<ReplayPlan> {
  return call({ method: 'POST', url: `${BULK}/plan`, body: { filter } }, replayPlanCheck);
}

export function startReplayJob(filter: ReplayFilter, ratePerSecond?: number): Promise<ReplayJob> {
  const body = ratePerSecond === undefined ? { filter } : { filter, ratePerSecond };
  return call({ method: 'POST', url: `${BULK}/jobs`, body }, replayJobCheck);
}

export function getReplayJob(id: string): Promise<ReplayJob> {
  const url = `${READ}/replays/jobs/${encodeURIComponent(id)}`;
  return call({ method: 'GET', url }, replayJobCheck);
}

export function cancelReplayJob(id: string): Promise<ReplayJob> {
  const url = `${BULK}/jobs/${encodeURIComponent(id)}/cancel`;
  return call({ method: 'POST', url }, replayJobCheck);
}
