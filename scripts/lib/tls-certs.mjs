// Throwaway TLS material for tests: a private CA and a server certificate for 127.0.0.1 and localhost, made with
// the openssl command line in a temporary directory. Only for local test servers; the keys never leave the machine.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Creates ca.crt, server.crt and server.key, client.crt and client.key (RSA 2048, valid for 2 days) in a new temporary
 * directory. Returns their paths and remove(). Bounded: each openssl call may take 30 s.
 */
export async function makeTestCertificates() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ratelab-tls-'));
  const at = (name) => path.join(dir, name);
  const openssl = (args) => run('openssl', args, { cwd: dir, timeout: 30_000 });
  try {
    await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=ratelab test CA']);
    await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
    writeFileSync(at('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    await openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'server.ext']);
    // A client certificate from the same CA, for servers that require one (Redis's default, tls-auth-clients yes).
    await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=ratelab test client']);
    await openssl(['x509', '-req', '-in', 'client.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.crt', '-days', '2']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    ca: at('ca.crt'),
    cert: at('server.crt'),
    key: at('server.key'),
    clientCert: at('client.crt'),
    clientKey: at('client.key'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
