/**
 * The target of the overhead benches: a small JSON API. Each request builds a response object,
 * keeps a bounded cache of recent ones (so the heap has some live churn, as servers do) and
 * answers. Run with `node -e`; it prints "port N" once it listens on loopback.
 */
export const JSON_API_SERVER = `
  const http = require('node:http');
  const recent = [];
  const server = http.createServer((req, res) => {
    const body = { path: req.url, at: Date.now(), items: Array.from({ length: 20 }, (_, i) => ({ i, name: 'item-' + i })) };
    recent.push(body); if (recent.length > 5000) recent.shift();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  });
  server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;
