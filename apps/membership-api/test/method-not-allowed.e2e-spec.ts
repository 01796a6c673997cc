import { type TestApp, startTestApp } from './test-app';

// Found by schemathesis (unsupported_method): a known path asked with another method answered 404
// (or 400 about the Content-Type for QUERY) instead of 405 with the methods it has.

describe('a known path with a method it does not serve', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['TRACE', '/health/live', 'GET, HEAD'],
    ['DELETE', '/v1/events', 'POST'],
    ['PUT', '/v1/partners/P-1/history', 'GET, HEAD'],
    ['GET', '/v1/renewal-notices/rn-1/acknowledge', 'POST'],
  ])('%s %s answers 405 with Allow: %s', async (method, path, allow) => {
    const response = await t.http[method.toLowerCase() as 'get'](path).set(t.as('admin'));
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toBe(allow);
    expect(response.body).toMatchObject({ statusCode: 405, error: 'Method Not Allowed' });
  });

  it('QUERY on a GET route answers 405 too, whatever its Content-Type', async () => {
    const response = await t.http['query' as 'get']('/v1/partners/P-1').set(t.as('admin'));
    expect(response.status).toBe(405);
  });

  it('an unknown path still answers 404', async () => {
    await t.http.delete('/v1/nothing-here').set(t.as('admin')).expect(404);
  });
});
