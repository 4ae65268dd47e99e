// Types of tls-certs.mjs for the TypeScript tests that use it.
export interface TestCertificates {
  /** PEM file of the private CA that signed `cert`. */
  ca: string;
  /** PEM server certificate for 127.0.0.1 and localhost, and its key. */
  cert: string;
  key: string;
  /** PEM client certificate signed by the same CA, and its key. */
  clientCert: string;
  clientKey: string;
  /** Deletes the temporary directory. */
  remove(): void;
}

export function makeTestCertificates(): Promise<TestCertificates>;
