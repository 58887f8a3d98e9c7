// Secrets planted in test state: shaped like the real ones, so a pattern that misses them fails.
import { Buffer } from 'node:buffer';

/** An AWS secret access key (40 characters, both cases). */
export const SECRET_KEY = 'Q2mXv8RtLp0sNc7KdW3yZa/Bf9HjUe4gTo1iEr+k';
/** An STS session token, as long and as shaped as AWS's. */
export const SESSION_TOKEN = `IQoJb3JpZ2luX2VjEBYaCXVzLWVhc3QtMSJHMEUCIQD${'x7Kp2QmZ9vRt'.repeat(20)}Lw==`;
/** A registry password (base64 of a JSON envelope) and the token that carries it. */
export const REGISTRY_PASSWORD = Buffer.from(JSON.stringify({ payload: 'eyJrIjoiQUtJQSJ9.bWFjMTIzNDU2Nzg5MA', datakey: 'Zm9vYmFyYmF6cXV4'.repeat(8), version: '2', type: 'DATA_KEY' })).toString('base64');
export const REGISTRY_TOKEN = Buffer.from(`AWS:${REGISTRY_PASSWORD}`).toString('base64');

/** The parts of each secret that must never appear, long enough to be unmistakable. */
export const SECRET_FRAGMENTS = [SECRET_KEY, SECRET_KEY.slice(0, 20), SESSION_TOKEN.slice(16, 60), REGISTRY_PASSWORD.slice(10, 50), REGISTRY_TOKEN.slice(10, 50)];
