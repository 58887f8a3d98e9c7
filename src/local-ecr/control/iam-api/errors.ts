// IAM's error codes with the HTTP statuses of the IAM model (botocore iam 2010-05-08) and
// the message texts IAM uses, so that `aws iam` prints what it prints against AWS.
import { QueryError } from './xml.js';

/** NoSuchEntity (404): the user, role, policy or key is not there. */
export function noSuchEntity(message: string): QueryError {
  return new QueryError('NoSuchEntity', 404, message);
}

/** EntityAlreadyExists (409): the name is taken (IAM names ignore case). */
export function entityAlreadyExists(message: string): QueryError {
  return new QueryError('EntityAlreadyExists', 409, message);
}

/** MalformedPolicyDocument (400): IAM would not store the document. */
export function malformedPolicy(message: string): QueryError {
  return new QueryError('MalformedPolicyDocument', 400, message);
}

/** DeleteConflict (409): something still hangs off the entity. */
export function deleteConflict(message: string): QueryError {
  return new QueryError('DeleteConflict', 409, message);
}

/** LimitExceeded (409): one of IAM's quotas. */
export function limitExceeded(message: string): QueryError {
  return new QueryError('LimitExceeded', 409, message);
}

/** InvalidInput (400): e.g. a PolicyArn that is no policy ARN. */
export function invalidInput(message: string): QueryError {
  return new QueryError('InvalidInput', 400, message);
}

/** AccessDenied (403): no policy allows the action; the message is the evaluator's. */
export function accessDenied(message: string): QueryError {
  return new QueryError('AccessDenied', 403, message);
}

/** ValidationError in the service framework's words: `1 validation error detected: Value 'x' at 'userName' …`. */
export function validationError(message: string): QueryError {
  return new QueryError('ValidationError', 400, message);
}

/** A member that broke a modelled constraint; `value` undefined means it was not sent. */
export function constraintError(member: string, value: string | undefined, constraint: string): QueryError {
  const shown = value === undefined ? 'null' : `'${value}'`;
  return validationError(`1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
}

/** The NoSuchEntity texts IAM uses for each kind of entity. */
export const userNotFound = (name: string) => noSuchEntity(`The user with name ${name} cannot be found.`);
export const roleNotFound = (name: string) => noSuchEntity(`The role with name ${name} cannot be found.`);
export const policyNotFound = (arn: string) => noSuchEntity(`Policy ${arn} was not found.`);
export const policyNotAttachable = (arn: string) => noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
export const accessKeyNotFound = (id: string) => noSuchEntity(`The Access Key with id ${id} cannot be found.`);

/** GetUser, CreateAccessKey and ListAccessKeys need a UserName when a role session calls them. */
export const userNameNeeded = () => validationError('Must specify userName when calling with non-User credentials');
