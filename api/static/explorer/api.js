/*
 * Talking to the API of the app that served the page, and nothing else: JSON feeds and GraphQL.
 * A refusal is thrown as an ApiError carrying the API's own message and code, for the page to show.
 */

export class ApiError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'ApiError';
    this.code = code || 'ERROR';
  }
}

async function bodyOf(response) {
  try {
    return await response.json();
  } catch (_) {
    return null;
  }
}

function errorOf(body, response) {
  const first = body && Array.isArray(body.errors) && body.errors[0];
  if (first && first.message) {
    return new ApiError(first.message, first.extensions && first.extensions.code);
  }
  return new ApiError('HTTP ' + response.status + ' ' + response.statusText, 'HTTP_' + response.status);
}

/** GET a JSON document of this app; its error document is thrown as an ApiError. */
export async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  const body = await bodyOf(response);
  if (!response.ok || body === null) throw errorOf(body, response);
  return body;
}

/** POST text (a YAML proposal) and read the JSON answer. */
export async function postText(url, text) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/yaml; charset=utf-8', Accept: 'application/json' },
    body: text,
    credentials: 'same-origin',
  });
  const body = await bodyOf(response);
  if (!response.ok || body === null) throw errorOf(body, response);
  return body;
}

/** Run a GraphQL operation on /graphql; the first error (the API's message) is thrown. */
export async function graphql(query, variables) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query: query, variables: variables || {} }),
    credentials: 'same-origin',
  });
  const body = await bodyOf(response);
  if (body && Array.isArray(body.errors) && body.errors.length) throw errorOf(body, response);
  if (!response.ok || body === null) throw errorOf(body, response);
  return body.data;
}
