import { ConfigurationError } from '#functions/errors/index.ts';

/** Reads a required environment variable; a missing one is a non-retryable ConfigurationError naming it. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new ConfigurationError(`Environment variable ${name} is not set`);
  return value;
}
