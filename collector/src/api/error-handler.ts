import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, SyncgovError, errorBody, type ErrorDefinition } from '../errors/catalogue.js';
import { valueAt } from '../validation/validator.js';

interface ValidationItem {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

const FRAMEWORK_ERRORS: Record<string, ErrorDefinition> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ERRORS.BODY_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ERRORS.MEDIA_TYPE_UNSUPPORTED,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ERRORS.BODY_INVALID,
  FST_ERR_CTP_EMPTY_JSON_BODY: ERRORS.BODY_INVALID,
  FST_ERR_CTP_INVALID_JSON_BODY: ERRORS.BODY_INVALID,
};

/**
 * Answers every error with the catalogue's body: a stable code, the field and
 * value at fault where known, and what to do. Unexpected errors are logged
 * with their stack and answered without internals.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    const message = `no route ${request.method} ${request.url.split('?')[0]}`;
    void reply.code(404).send(errorBody(ERRORS.ROUTE_NOT_FOUND, message));
  });
  app.setErrorHandler((error: FastifyError, request, reply) => answer(error, request, reply));
}

function answer(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof SyncgovError) {
    void reply.code(error.statusCode).send(error.toBody());
    return;
  }
  if (error.validation) {
    void reply.code(400).send(validationBody(error, request));
    return;
  }
  const known = FRAMEWORK_ERRORS[error.code];
  if (known) {
    void reply.code(known.statusCode).send(errorBody(known, error.message));
    return;
  }
  if (error.statusCode !== undefined && error.statusCode < 500) {
    void reply.code(error.statusCode).send(errorBody(ERRORS.BODY_INVALID, error.message));
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply.code(500).send(errorBody(ERRORS.INTERNAL, 'the collector failed to answer'));
}

// A bad query parameter is named as the client wrote it (`limit`), like the
// other QUERY_INVALID answers; body fields keep their location prefix.
function validationBody(error: FastifyError, request: FastifyRequest) {
  const items = (error.validation ?? []) as ValidationItem[];
  const context = error.validationContext ?? 'body';
  const query = context === 'querystring';
  const source = query ? request.query : request[context as 'body'];
  const problems = items.map((item) => {
    const path = problemPath(item);
    const field = query ? path.slice(1) : `${context}${path}`;
    return { field, value: valueAt(source, path), message: item.message };
  });
  const first = problems[0];
  const detail = first ? { field: first.field, value: first.value } : {};
  const definition = query ? ERRORS.QUERY_INVALID : ERRORS.BODY_INVALID;
  return { ...errorBody(definition, error.message, detail), problems };
}

function problemPath(item: ValidationItem): string {
  const extra = item.params.missingProperty ?? item.params.additionalProperty;
  return extra === undefined ? item.instancePath : `${item.instancePath}/${String(extra)}`;
}
