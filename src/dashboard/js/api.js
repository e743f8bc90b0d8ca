// The page's only way to the data: the same /api routes every client uses. No key is ever part of the page; where the
// API needs one (ReadKeys, EasyAuth) the answer is its 401/403, shown as such.

/** An API answer other than 2xx, with the ProblemDetails' detail when there is one. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `The API answered ${status}.`);
    this.status = status;
  }
}

export function tenantPath(tenant, rest) {
  return `/api/tenants/${encodeURIComponent(tenant)}${rest}`;
}

async function failure(response) {
  let detail = '';
  try {
    const problem = await response.json();
    detail = problem.detail || problem.title || '';
  } catch {
    detail = response.statusText;
  }
  return new ApiError(response.status, detail);
}

export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** PUTs a file into exports/{tenant}/ (XMLHttpRequest: fetch reports no upload progress); onProgress gets 0…1. */
export function upload(tenant, file, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', tenantPath(tenant, `/exports/${encodeURIComponent(file.name)}`));
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.upload.onprogress = event => { if (event.lengthComputable) onProgress(event.loaded / event.total); };
    request.onload = () => {
      let body = null;
      try { body = JSON.parse(request.responseText); } catch { body = null; }
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(body);
      } else {
        reject(new ApiError(request.status, body && (body.detail || body.title)));
      }
    };
    request.onerror = () => reject(new ApiError(0, 'The upload did not reach the server.'));
    request.send(file);
  });
}
